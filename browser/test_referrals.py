import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import sign_in
from test_partnership import press, wait_for

HOUSING = "Housing assistance (e.g. subsidies, utilities, repairs)"


def housing_count(base_url):
    director, _ = session_for(base_url, "director@demo.fpp.test")
    report = director.get(f"{base_url}/reports/family-services").text
    return int(re.search(re.escape(HOUSING) + r"</td><td>(\d+)</td>", report).group(1))


def test_worker_refers_a_family_follows_it_to_a_service_and_the_report_counts_it(browser, base_url):
    before = housing_count(base_url)
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(f"{base_url}/?q=Alvarez")
    browser.find_element(By.LINK_TEXT, "Alvarez family").click()
    browser.find_element(By.LINK_TEXT, "Make a referral").click()

    # Find a provider by category and language.
    Select(browser.find_element(By.ID, "f-category-find")).select_by_value("housing")
    language = browser.find_element(By.ID, "f-language-find")
    language.clear()
    language.send_keys("Spanish")
    press(browser, "Find providers")
    WebDriverWait(browser, 10).until(lambda d: "language=Spanish" in d.current_url)
    options = browser.find_elements(By.CSS_SELECTOR, "input[name='provider_id'][value]:not([value=''])")
    assert options, "no Spanish-speaking housing provider offered"
    provider = options[0].find_element(By.XPATH, "..").text
    options[0].click()
    browser.find_element(By.ID, "f-family_asked").click()
    press(browser, "Save referral")
    wait_for(browser, "Referral saved.")
    assert provider.split(" — ")[0] in browser.page_source

    # Follow it to a service received.
    Select(browser.find_element(By.ID, "f-status")).select_by_value("receiving")
    press(browser, "Save")
    wait_for(browser, "The service is recorded as received.")
    assert "it counts in the family services report" in browser.page_source

    # The Alvarez family had no housing service this year: the report now counts one more family.
    assert housing_count(base_url) == before + 1

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import sign_in
from test_partnership import press, wait_for

CHILD_WELFARE = "Riverside County Children's Services"


def sign_in_as(browser, base_url, email):
    """Another person on another device: a fresh session."""
    browser.delete_all_cookies()
    sign_in(browser, base_url, email)


def choose_partner(browser):
    Select(browser.find_element(By.ID, "f-partner_agency_id")).select_by_visible_text(CHILD_WELFARE)


def tick(browser, *categories):
    for category in categories:
        browser.find_element(By.ID, f"f-categories-{category}").click()


def test_sharing_needs_consent_and_a_partner_sees_only_what_is_consented_until_it_is_revoked(browser, base_url):
    # A worker tries to share the Alvarez family's records with child welfare: no consent covers it.
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(f"{base_url}/?q=Alvarez")
    browser.find_element(By.LINK_TEXT, "Alvarez family").click()
    family = re.search(r"/families/[0-9a-f-]{36}", browser.current_url).group(0)
    browser.find_element(By.LINK_TEXT, "Consents, sharing and the disclosure log").click()
    browser.find_element(By.LINK_TEXT, "Share with a partner").click()
    choose_partner(browser)
    tick(browser, "enrollment", "referrals_and_services")
    press(browser, "Share")
    wait_for(browser, "No current consent from this family covers sharing with")
    assert "Record the parent" in browser.page_source

    # The worker records Mrs. Alvarez's consent and shares.
    browser.get(f"{base_url}{family}/consents/new")
    choose_partner(browser)
    Select(browser.find_element(By.ID, "f-given_by")).select_by_visible_text("Lucia Alvarez")
    tick(browser, "enrollment", "referrals_and_services")
    browser.find_element(By.ID, "f-purpose").send_keys("Coordinate support while the family is doubled up")
    Select(browser.find_element(By.ID, "f-method")).select_by_value("signed_form")
    press(browser, "Save consent")
    wait_for(browser, "Consent to share with")
    browser.find_element(By.LINK_TEXT, "Share with a partner").click()
    choose_partner(browser)
    tick(browser, "enrollment", "referrals_and_services")
    press(browser, "Share")
    wait_for(browser, "Shared records")
    assert "Angel Alvarez" in browser.page_source
    assert "Lifeline" in browser.page_source or "Referral:" in browser.page_source
    browser.get(f"{base_url}{family}/privacy")
    assert "Consent of Lucia Alvarez" in browser.page_source

    # The child welfare caseworker sees the family, its enrollment and services, and nothing else.
    sign_in_as(browser, base_url, "cps@demo.fpp.test")
    assert browser.current_url.endswith("/shared")
    browser.find_element(By.LINK_TEXT, "Alvarez family").click()
    wait_for(browser, "Angel Alvarez")
    shared = browser.current_url
    page = browser.page_source
    assert "Referrals and services" in page
    assert "Partnership agreement and goals" not in page
    assert "Family assessment and needs" not in page
    # Mrs. Alvarez's mental health services are health records, shared with Behavioral Health only.
    assert "Mental health" not in page

    # The worker revokes the consent; the caseworker loses the family at once.
    sign_in_as(browser, base_url, "monica@demo.fpp.test")
    browser.get(f"{base_url}{family}/privacy")
    revoke = [b for b in browser.find_elements(By.CSS_SELECTOR, "main button") if b.text == f"Revoke now ({CHILD_WELFARE})"]
    assert len(revoke) == 1
    revoke[0].click()
    wait_for(browser, "Consent revoked.")
    sign_in_as(browser, base_url, "cps@demo.fpp.test")
    browser.get(shared)
    WebDriverWait(browser, 10).until(lambda d: "Not found" in d.page_source or "not found" in d.page_source.lower())
    assert "Angel Alvarez" not in browser.page_source
    browser.get(f"{base_url}/shared")
    assert "Alvarez family" not in browser.page_source

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import sign_in


def family_links(html):
    return set(re.findall(r'href="(/families/[0-9a-f-]{36})"', html))


def test_family_service_worker_finds_a_family_and_edits_its_phone(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    search = browser.find_element(By.ID, "f-q")
    search.send_keys("Amaya")
    search.submit()
    WebDriverWait(browser, 10).until(lambda d: "q=Amaya" in d.current_url)
    browser.find_element(By.LINK_TEXT, "Alvarez family").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Alvarez family")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Alvarez family"
    browser.find_element(By.LINK_TEXT, "Edit household").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/edit"))
    phone = browser.find_element(By.ID, "f-phone")
    phone.clear()
    phone.send_keys("(951) 555-0199")
    browser.find_element(By.XPATH, "//main//button[normalize-space()='Save']").click()
    WebDriverWait(browser, 10).until(lambda d: "/edit" not in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Alvarez family"
    assert "(951) 555-0199" in browser.find_element(By.TAG_NAME, "main").text
    assert "Saved." in browser.page_source


def test_teacher_cannot_open_a_family_outside_their_team(browser, base_url):
    director, _ = session_for(base_url, "director@demo.fpp.test")
    teacher, _ = session_for(base_url, "jackie@demo.fpp.test")
    everyone = family_links(director.get(f"{base_url}/").text)
    mine = family_links(teacher.get(f"{base_url}/").text)
    outside = sorted(everyone - mine)
    assert mine and outside

    sign_in(browser, base_url, "jackie@demo.fpp.test")
    browser.get(base_url + outside[0])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not found"
    assert teacher.get(base_url + outside[0]).status_code == 404
    browser.get(base_url + sorted(mine)[0])
    assert browser.find_element(By.TAG_NAME, "h1").text != "Not found"

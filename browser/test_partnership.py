import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import sign_in


def family_without_agreement(base_url):
    """A family of Monica's whose agreement for this year is late, from her home page's to-do list."""
    monica, _ = session_for(base_url, "monica@demo.fpp.test")
    home = monica.get(f"{base_url}/").text
    section = home.split("Agreements not started by the deadline", 1)[1].split("</section>", 1)[0]
    return re.search(r'href="(/families/[0-9a-f-]{36})/agreement"', section).group(1)


def fill(driver, field_id, text):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def press(driver, label):
    driver.find_element(By.XPATH, f"//main//button[normalize-space()='{label}']").click()


def wait_for(driver, text):
    WebDriverWait(driver, 10).until(lambda d: text in d.page_source, f"waiting for {text!r}")


def write_goal(driver, goal, kind, outcome):
    fill(driver, "f-goal", goal)
    fill(driver, "f-family_words", f"In our words: {goal.lower()}")
    Select(driver.find_element(By.ID, "f-kind")).select_by_value(kind)
    if kind == "child":
        Select(driver.find_element(By.ID, "f-child_id")).select_by_index(1)
    driver.find_element(By.ID, f"f-outcomes-{outcome}").click()
    for field, text in [("f-family_skills", "Bilingual and organized"), ("f-team_skills", "Knows the local programs"),
                        ("f-strengths", "Flexible and open"), ("f-stressors", "Money is tight"),
                        ("f-strategies", "A weekly plan"), ("f-team_supports", "Family service worker"),
                        ("f-partner_supports", "Public library"), ("f-family_supports", "Grandmother"),
                        ("f-progress", "Check in every two weeks")]:
        fill(driver, field, text)
    press(driver, "Save goal")
    wait_for(driver, "Goal added.")


def add_step_and_note(driver, step, note):
    fill(driver, "f-what", step)
    Select(driver.find_element(By.ID, "f-who")).select_by_index(1)
    press(driver, "Add step")
    wait_for(driver, "Action step added.")
    press(driver, "Mark done")
    wait_for(driver, "Marked done.")
    fill(driver, "f-text", note)
    driver.find_element(By.ID, "f-is_success").click()
    press(driver, "Add note")
    wait_for(driver, "Success noted.")


def test_worker_assesses_writes_an_agreement_and_prints_it_in_spanish(browser, base_url):
    family = family_without_agreement(base_url)
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(base_url + family)

    # Assess.
    browser.find_element(By.LINK_TEXT, "Assess the family").click()
    Select(browser.find_element(By.ID, "f-period")).select_by_value("winter")
    Select(browser.find_element(By.ID, "f-mode")).select_by_value("home")
    fill(browser, "f-participants", "Both parents and Monica")
    browser.find_element(By.CSS_SELECTOR, "input[name='answers[housing]'][value='2']").click()
    browser.find_element(By.CSS_SELECTOR, "input[name='answers[lifelong_educators]'][value='3']").click()
    browser.find_element(By.ID, "f-outcomes_chosen-lifelong_educators").click()
    fill(browser, "f-family_strengths", "We read together every night.")
    Select(browser.find_element(By.ID, "f-need_category-1")).select_by_value("housing")
    Select(browser.find_element(By.ID, "f-need_urgency-1")).select_by_value("soon")
    Select(browser.find_element(By.ID, "f-need_intensity-1")).select_by_value("moderate")
    press(browser, "Save assessment")
    wait_for(browser, "Assessment saved.")
    assert "We read together every night." in browser.page_source

    # Start the agreement and write two goals through the seven steps.
    browser.get(base_url + family + "/agreement")
    press(browser, "Start the agreement")
    wait_for(browser, "Agreement started.")
    browser.find_element(By.LINK_TEXT, "Add a goal").click()
    write_goal(browser, "Read a book together every evening", "child", "lifelong_educators")
    add_step_and_note(browser, "Get a library card", "First library visit: three books!")
    reading = browser.current_url.split("#")[0]

    browser.get(base_url + family + "/agreement")
    browser.find_element(By.LINK_TEXT, "Add a goal").click()
    write_goal(browser, "Find a cheaper apartment", "family", "family_well_being")
    add_step_and_note(browser, "Apply for the housing list", "On the list.")
    housing = browser.current_url.split("#")[0]

    # Achieve one goal, revise the other.
    browser.get(reading)
    browser.find_element(By.LINK_TEXT, "Mark achieved…").click()
    wait_for(browser, "cannot be reopened")
    fill(browser, "f-note", "Reads with Angel every evening now")
    press(browser, "Mark achieved")
    wait_for(browser, "The goal is now achieved.")
    assert "Reads with Angel every evening now" in browser.page_source
    browser.get(housing)
    browser.find_element(By.LINK_TEXT, "Revise goal").click()
    fill(browser, "f-goal", "Find a cheaper apartment near the center")
    press(browser, "Save goal")
    wait_for(browser, "Goal revised")
    assert "Replaces the earlier goal" in browser.page_source

    # Print in Spanish.
    browser.get(base_url + family + "/agreement")
    browser.find_element(By.LINK_TEXT, "Imprimir en español").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Acuerdo de Colaboración con la Familia")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Read a book together every evening" in text
    assert "Lograda" in text and "Activa" in text
    assert "Find a cheaper apartment near the center" in text
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"

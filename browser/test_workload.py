"""Caseloads as a supervisor keeps them (issue 12): the limit refused and an exception recorded, a worker on leave
covered as proposed within every limit and language, and a worker's own caseload on her home page.

Runs last of the shared-server tests (it moves families between workers), in the order written."""
import datetime
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import fits_the_screen, sign_in
from test_accessibility import serious


def link_to(browser, text):
    return browser.find_element(By.LINK_TEXT, text).get_attribute("href")


def set_date(browser, field_id, day):
    browser.execute_script(f"document.getElementById('{field_id}').value = '{day.isoformat()}'")


def submit(browser, label):
    browser.find_element(By.XPATH, f"//main//button[normalize-space()=\"{label}\"]").click()


def counts(text):
    """Every "N of M" (families against what is allowed) on the staff table."""
    return [(int(a), int(b)) for a, b in re.findall(r"(\d+) of (\d+)", text)]


def test_a_41st_family_is_refused_until_a_temporary_absence_exception_is_recorded(browser, base_url):
    sign_in(browser, base_url, "manager@demo.fpp.test")
    # Keisha's attrition exception ends in three weeks while she still has 41 families: on Luis's to-do.
    todo = browser.find_element(By.TAG_NAME, "main").text
    assert "Caseload exceptions ending while over the limit (1)" in todo, todo
    assert re.search(r"Keisha Brown — Staff attrition, up to 41: ends .*; 41 families where the limit is 40", todo), todo
    browser.find_element(By.LINK_TEXT, "Caseloads").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Caseloads")
    assert serious(browser) == [] and fits_the_screen(browser)
    main = browser.find_element(By.TAG_NAME, "main").text
    # Monica covers Hoa's families while Hoa is on leave: 40 of the 40 allowed.
    assert re.search(r"Monica Reyes\s+Families: 40 of 40", main), main
    assert "exception expired" in main  # Monica's start-up exception ended ten days ago
    monica = link_to(browser, "Monica Reyes")
    browser.get(link_to(browser, "Keisha Brown"))
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', browser.page_source).group(1)

    browser.get(base_url + family + "/edit")
    Select(browser.find_element(By.ID, "f-point_of_contact_id")).select_by_visible_text("Monica Reyes")
    submit(browser, "Save")
    WebDriverWait(browser, 10).until(lambda d: "1302.52(d)(2)" in d.page_source)
    assert "Monica Reyes has 40 families; 41 would be over the 40 allowed" in browser.page_source
    assert serious(browser) == []

    browser.get(monica)
    browser.find_element(By.LINK_TEXT, "Record an exception").click()
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("staff_absence")
    set_date(browser, "f-ends_on", datetime.date.today() + datetime.timedelta(days=30))
    browser.find_element(By.ID, "f-up_to").send_keys("44")
    browser.find_element(By.ID, "f-note").send_keys("Covering Hoa's families during her leave.")
    assert serious(browser) == []
    submit(browser, "Record the exception")
    WebDriverWait(browser, 10).until(lambda d: "Exception recorded." in d.page_source)
    assert "Temporary staff absence: up to 44 families" in browser.page_source

    browser.get(base_url + family + "/edit")
    Select(browser.find_element(By.ID, "f-point_of_contact_id")).select_by_visible_text("Monica Reyes")
    submit(browser, "Save")
    WebDriverWait(browser, 10).until(lambda d: "Saved." in d.page_source)
    assert re.search(r"Point of contact\s+Monica Reyes", browser.find_element(By.TAG_NAME, "main").text)


def test_a_worker_on_leave_is_covered_as_proposed_within_every_limit_and_language(browser, base_url):
    sign_in(browser, base_url, "manager@demo.fpp.test")
    browser.get(base_url + "/caseloads")
    hoa = link_to(browser, "Hoa Nguyen")
    keisha = link_to(browser, "Keisha Brown")
    # Hoa is back: her families return to her.
    browser.get(hoa)
    submit(browser, "Hoa Nguyen is back: return the families")
    # The page already says "Hoa Nguyen is back" on its button: wait for the flash that the families went back.
    WebDriverWait(browser, 10).until(lambda d: "the covered families are theirs again" in d.page_source)

    browser.get(keisha)
    browser.find_element(By.LINK_TEXT, "Mark Keisha Brown away").click()
    set_date(browser, "f-ends_on", datetime.date.today() + datetime.timedelta(days=14))
    browser.find_element(By.ID, "f-reason").send_keys("Leave")
    submit(browser, "Mark away and choose cover")
    WebDriverWait(browser, 10).until(lambda d: "Cover for Keisha Brown" in d.page_source)
    assert serious(browser) == [] and fits_the_screen(browser)
    assert "No worker has room" not in browser.page_source
    assert "no worker with room speaks" not in browser.page_source
    speaks = {"Spanish": "Monica Reyes", "Vietnamese": "Hoa Nguyen"}
    proposed = 0
    for select in browser.find_elements(By.CSS_SELECTOR, "main select"):
        label = browser.find_element(By.CSS_SELECTOR, f"label[for='{select.get_attribute('id')}']").text
        chosen = Select(select).first_selected_option.text
        assert chosen != "Leave as it is", label
        proposed += 1
        for language, worker in speaks.items():
            if f"({language}," in label:
                assert chosen.startswith(worker), (label, chosen)
    assert proposed == 40
    submit(browser, "Apply the cover")
    WebDriverWait(browser, 10).until(lambda d: "Cover applied." in d.page_source)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "over the limit" not in main
    assert all(families <= allowed for families, allowed in counts(main)), counts(main)
    assert "Keisha Brown" in main and "Away until" in main


def test_a_workers_home_page_leads_with_her_caseload_and_a_complete_to_do(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert re.fullmatch(r"My caseload \(\d+ families\)", heading), heading
    assert serious(browser) == [] and fits_the_screen(browser)
    table = browser.find_element(By.CSS_SELECTOR, "table.caseload")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 40
    assert "covering for Keisha Brown" in table.text
    # Sorted by what is overdue, the first row has the most.
    browser.find_element(By.LINK_TEXT, "Overdue").click()
    WebDriverWait(browser, 10).until(lambda d: "sort=overdue" in d.current_url)
    first = browser.find_element(By.CSS_SELECTOR, "table.caseload tbody tr").text
    assert "Overdue: —" not in first
    # Every to-do section that shows only part of its list links to the whole, and the whole list opens.
    more = [a.get_attribute("href") for a in browser.find_elements(By.PARTIAL_LINK_TEXT, "All ")]
    assert more, "a to-do section with more than it shows"
    for href in more:
        browser.get(href)
        assert re.search(r"\(\d[\d,]*\+?\)", browser.find_element(By.TAG_NAME, "h1").text)
        assert browser.find_elements(By.CSS_SELECTOR, "ul.todo li")
    browser.get(base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "table.caseload tbody tr a").click()
    WebDriverWait(browser, 10).until(lambda d: "/families/" in d.current_url)


def test_a_supervisor_writes_reflective_supervision_notes_her_worker_can_read(browser, base_url):
    sign_in(browser, base_url, "manager@demo.fpp.test")
    browser.get(base_url + "/caseloads")
    browser.get(link_to(browser, "Monica Reyes"))
    browser.find_element(By.LINK_TEXT, "Reflective supervision notes →").click()
    WebDriverWait(browser, 10).until(lambda d: "Reflective supervision: Monica Reyes" in d.page_source)
    assert serious(browser) == [] and fits_the_screen(browser)
    browser.find_element(By.ID, "f-reflections").send_keys("Covering Keisha's families on top of her own: which can wait a week?")
    submit(browser, "Save note")
    WebDriverWait(browser, 10).until(lambda d: "Supervision note saved." in d.page_source)
    notes = browser.current_url
    browser.delete_all_cookies()
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(notes)
    assert "which can wait a week?" in browser.page_source and "Save note" not in browser.page_source
    browser.delete_all_cookies()
    sign_in(browser, base_url, "director@demo.fpp.test")
    browser.get(notes)
    assert "which can wait a week?" not in browser.page_source

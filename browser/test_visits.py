import re

import icalendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import sign_in
from test_partnership import press, wait_for


def set_value(driver, element_id, value):
    """Date and time inputs take typed text in the browser's locale; setting the value is the same for every locale."""
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, element_id), value)


def check_labelled(driver, name, label):
    """Ticks the checkbox or radio named `name` whose label starts with `label`."""
    for box in driver.find_elements(By.CSS_SELECTOR, f"input[name='{name}']"):
        if box.find_element(By.XPATH, "./ancestor::label[1]").text.strip().startswith(label):
            if not box.is_selected():
                box.click()
            return
    raise AssertionError(f"no {name} labelled {label!r}")


def open_alvarez(driver, base_url):
    driver.get(f"{base_url}/?q=Alvarez")
    driver.find_element(By.LINK_TEXT, "Alvarez family").click()
    WebDriverWait(driver, 10).until(lambda d: "Visits and contacts" in d.page_source)


def test_worker_schedules_an_hvp_visit_records_it_and_logs_a_family_text(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    # Families past the six-week contact gap are on the home page.
    assert re.search(r"Families past the contact gap \(\d+\)", browser.page_source)

    open_alvarez(browser, base_url)
    family_url = browser.current_url
    browser.find_element(By.LINK_TEXT, "Log a contact").click()
    today = browser.find_element(By.ID, "f-date").get_attribute("value")  # the program's today, from the server

    # An HVP visit needs two trained staff: with only Monica it is refused.
    browser.get(family_url)
    browser.find_element(By.LINK_TEXT, "Schedule a visit").click()
    check_labelled(browser, "type_id", "HVP initial visit")
    set_value(browser, "f-date", today)
    set_value(browser, "f-starts_at", "16:30")
    browser.find_element(By.ID, "f-family_agreed").click()
    Select(browser.find_element(By.ID, "f-agreement_way")).select_by_value("phone")
    press(browser, "Schedule")
    wait_for(browser, "needs 2 staff with current HVP home-visit training; 1 is chosen")

    check_labelled(browser, "staff[]", "Jackie Morgan")
    press(browser, "Schedule")
    wait_for(browser, "Visit scheduled for")
    visit_url = browser.current_url

    # Record it: hopes and dreams for both children, and the family's request turned into a referral.
    hopes = browser.find_elements(By.CSS_SELECTOR, "textarea[name^='hopes_and_dreams']")
    assert len(hopes) == 2
    hopes[0].send_keys("To make friends and know his letters by kindergarten")
    hopes[1].send_keys("To grow up speaking Spanish and English")
    browser.find_element(By.ID, "f-family_requests").send_keys("Help with groceries until payday")
    browser.find_element(By.ID, "f-start_referral").click()
    Select(browser.find_element(By.ID, "f-referral_category")).select_by_value("food")
    press(browser, "Save the visit record")
    wait_for(browser, "a referral started for what the family asked for")
    assert "Help with groceries until payday" in browser.page_source

    browser.get(visit_url)
    assert "To make friends and know his letters by kindergarten" in browser.page_source
    assert "To grow up speaking Spanish and English" in browser.page_source

    # A text the family sent.
    browser.get(family_url)
    browser.find_element(By.LINK_TEXT, "Log a contact").click()
    check_labelled(browser, "medium", "Text message")
    check_labelled(browser, "started_by", "The family")
    browser.find_element(By.ID, "f-minutes").send_keys("4")
    browser.find_element(By.ID, "f-summary").send_keys("Mrs. Alvarez texted a photo of Angel's drawing")
    press(browser, "Save contact")
    wait_for(browser, "Contact logged.")
    assert "started by the family" in browser.page_source
    assert "Mrs. Alvarez texted a photo of Angel&#39;s drawing" in browser.page_source or "Mrs. Alvarez texted a photo of Angel's drawing" in browser.page_source


def test_the_calendar_feed_is_valid_icalendar(base_url):
    session, _ = session_for(base_url, "jackie@demo.fpp.test")
    settings = session.get(f"{base_url}/settings").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', settings).group(1)
    made = session.post(f"{base_url}/settings/calendar", data={"action": "new", "csrf": csrf}).text
    address = re.search(r"http://[^<\s]+/calendar/fpp_[A-Za-z0-9_-]+\.ics", made).group(0)

    feed = session.get(address)
    assert feed.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = list(calendar.walk("VEVENT"))
    assert events, "Jackie's HVP visits should be in her feed"
    summaries = [str(event["SUMMARY"]) for event in events]
    assert any(summary.startswith("HVP initial visit — ") for summary in summaries)
    assert any(summary == "Outdoor visit — Alvarez family" for summary in summaries)
    for event in events:
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert str(event["UID"]).endswith("@family-partnership")

    # Turning the feed off ends it at once.
    csrf = re.search(r'name="csrf" value="([^"]+)"', made).group(1)
    session.post(f"{base_url}/settings/calendar", data={"action": "off", "csrf": csrf})
    assert session.get(address).status_code == 404


def test_visit_pages_have_no_serious_accessibility_violations(browser, base_url):
    from test_accessibility import problems_on

    director, _ = session_for(base_url, "director@demo.fpp.test")
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', director.get(f"{base_url}/?q=Alvarez").text).group(1)
    visits = re.findall(r'href="(/families/[0-9a-f-]{36}/visits/[0-9a-f-]{36})"', director.get(base_url + family).text)
    draw = re.search(r'href="(/visit-draws/[0-9a-f-]{36})"', director.get(f"{base_url}/visit-draws").text).group(1)
    visit_type = re.search(r'href="(/settings/program/visit-types/[0-9a-f-]{36})"', director.get(f"{base_url}/settings/program/visits").text).group(1)
    sign_in(browser, base_url, "director@demo.fpp.test")
    paths = [family + "/visits/new", family + "/contacts/new", "/visits", "/trainings", "/visit-draws", draw, "/visit-hours",
             "/settings/program/visits", visit_type, "/settings/program/visit-types/new"] + visits[:4]
    assert problems_on(browser, base_url, paths) == {}

"""A family service worker's daily work on a 412 x 915 phone, tap by tap: from the home page, logging a contact and
adding a progress note each take at most three taps (typing in a field is not counted; choosing, following a link
and pressing a button are). The family page's first screen holds its summary, the week runs down the phone and is a
grid on a desk, and no page is wider than the phone. Screenshots at phone and desk widths are saved under
browser/artifacts/ for a person to look at."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from conftest import desk, fits_the_screen, phone, sign_in

ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")
FAMILY = "Alvarez family"


class Taps:
    """Counts the taps a person makes: every click goes through here."""

    def __init__(self, driver):
        self.driver, self.count = driver, 0

    def link(self, text):
        self.tap(self.driver.find_element(By.LINK_TEXT, text))

    def button(self, label):
        self.tap(self.driver.find_element(By.XPATH, f"//main//button[normalize-space()='{label}']"))

    def tap(self, element):
        self.count += 1
        element.click()


def wait_for(driver, text):
    WebDriverWait(driver, 10).until(lambda d: text in d.page_source, f"waiting for {text!r}")


def type_into(driver, field_id, text):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def screenshot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    driver.save_screenshot(os.path.join(ARTIFACTS, f"{name}.png"))


def at_desk_width(driver, name):
    """A screenshot at 1280 px, then back to the phone."""
    desk(driver)
    screenshot(driver, f"{name}-1280")
    phone(driver)


def home(driver, base_url):
    driver.get(base_url + "/")
    return Taps(driver)


def test_the_family_page_opens_on_its_summary(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    taps = home(browser, base_url)
    taps.link(FAMILY)
    wait_for(browser, "Point of contact")
    summary = browser.find_element(By.CSS_SELECTOR, ".glance")
    bottom = summary.location["y"] + summary.size["height"]
    screen = browser.execute_script("return window.innerHeight")
    assert bottom <= screen, f"the summary ends at {bottom} px, below the first screen ({screen} px)"
    for term in ("Point of contact", "Agreement", "Next visit", "Last contact"):
        assert term in summary.text
    assert "Reach the family" in summary.text
    assert fits_the_screen(browser), browser.current_url
    screenshot(browser, "family-412")
    at_desk_width(browser, "family")

    # The in-page links reach each section.
    taps.link("Visits and contacts")
    assert browser.current_url.endswith("#visits")
    assert fits_the_screen(browser), browser.current_url
    # Outcomes: a chart per outcome (levels 1 to 5 at every assessment), and the table with the numbers.
    taps.link("Outcomes")
    charts = browser.find_elements(By.CSS_SELECTOR, "#outcomes svg.chart")
    assert len(charts) >= 5 and all(300 <= chart.size["width"] <= 412 for chart in charts)
    assert browser.find_elements(By.CSS_SELECTOR, "#outcomes table.outcomes")
    screenshot(browser, "outcomes-412")


def test_a_worker_logs_a_contact_in_three_taps(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    taps = home(browser, base_url)
    taps.link(FAMILY)
    taps.link("Log a contact")
    # The family's preferred way, today's date and their language are filled in already.
    type_into(browser, "f-minutes", "10")
    type_into(browser, "f-summary", "Talked through the week's plan for the housing list")
    assert fits_the_screen(browser), browser.current_url
    taps.button("Save contact")
    wait_for(browser, "Contact logged.")
    assert taps.count <= 3, f"logging a contact took {taps.count} taps"
    assert "Talked through the week's plan" in browser.page_source


def test_a_worker_adds_a_progress_note_in_three_taps(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    taps = home(browser, base_url)
    taps.link(FAMILY)
    goal = browser.find_element(By.CSS_SELECTOR, "#agreement ul.goals li a")
    title = goal.text
    taps.tap(goal)
    wait_for(browser, title)
    assert fits_the_screen(browser), browser.current_url
    screenshot(browser, "goal-412")
    at_desk_width(browser, "goal")
    type_into(browser, "f-text", "Called the library about the story hour; going Saturday")
    taps.button("Add note")
    wait_for(browser, "Progress note added.")
    assert taps.count <= 3, f"adding a progress note took {taps.count} taps"


def test_a_worker_refers_from_a_goal_in_three_taps(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    taps = home(browser, base_url)
    taps.link(FAMILY)
    # The goal grew from a need: its category is chosen, and the family's asking is ticked (the goal is theirs).
    refer = browser.find_element(By.XPATH, "//section[@id='agreement']//li[a[normalize-space()='Mr. Alvarez finds steady work']]"
                                           "/a[normalize-space()='Refer']")
    taps.tap(refer)
    wait_for(browser, "For the goal")
    assert "Employment" in browser.find_element(By.TAG_NAME, "main").text
    assert fits_the_screen(browser), browser.current_url
    screenshot(browser, "refer-from-goal-412")
    taps.button("Save referral")
    wait_for(browser, "Referral saved.")
    assert taps.count <= 3, f"referring from a goal took {taps.count} taps"
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Mr. Alvarez finds steady work" in main and "furloughed" in main


def test_a_worker_sees_her_week_down_the_phone_and_as_a_grid_at_a_desk(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    taps = home(browser, base_url)
    taps.link("Visits")
    taps.link("My week")
    wait_for(browser, "My week")
    days = browser.find_elements(By.CSS_SELECTOR, "ol.week > li")
    assert len(days) == 7
    # On the phone the days run down the page, one under the other, full width.
    assert days[1].location["y"] > days[0].location["y"] and days[0].size["width"] > 300
    assert fits_the_screen(browser), browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "ol.week a"), "the demo week has visits or follow-ups"
    screenshot(browser, "week-412")
    desk(browser)
    days = browser.find_elements(By.CSS_SELECTOR, "ol.week > li")
    assert days[1].location["y"] == days[0].location["y"] and days[1].location["x"] > days[0].location["x"]
    screenshot(browser, "week-1280")
    phone(browser)
    taps.link("Next week →")
    wait_for(browser, "Previous week")
    assert fits_the_screen(browser), browser.current_url

"""A program's first start, as its IT person and director would go through it on a phone: `fpp create-admin` on an
empty database, the set-up checklist (program year and kindergarten cutoff, a site, two classrooms, staff), a
200-row families CSV with 5 bad rows reported by line, and a fair draw from a classroom of the imported families.
Starts its own server on a new SQLite file (the first start of the embedded default; the import itself runs on
both databases in the Swift tests)."""
import csv
import os
import re
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from families_csv import COLUMNS, rows  # noqa: E402
from own_server import free_port, wait_until_up  # noqa: E402
from conftest import left  # noqa: E402

PASSWORD = "first-run-password"


def sign_in(driver, base, email):
    driver.delete_all_cookies()
    driver.get(f"{base}/sign-in")
    driver.find_element(By.ID, "f-email").send_keys(email)
    driver.find_element(By.ID, "f-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/sign-in" not in d.current_url, "sign-in failed")


def fill(driver, values):
    for name, value in values.items():
        field = driver.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_visible_text(value)
        else:
            field.clear()
            field.send_keys(value)


def tick(driver, name, value):
    box = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    if not box.is_selected():
        box.click()


def submit(driver, label):
    """Presses the button and waits for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//main//button[normalize-space()='{label}']").click()
    WebDriverWait(driver, 30).until(left(page))


def add_staff(driver, base, name, email, role):
    driver.get(f"{base}/staff/new")
    fill(driver, {"name": name, "email": email, "password": PASSWORD})
    tick(driver, "roles[]", role)
    submit(driver, "Save")
    assert "/staff/new" not in driver.current_url, driver.find_element(By.TAG_NAME, "main").text


def test_a_new_program_is_set_up_imports_its_families_and_draws_from_a_classroom(browser):
    binary = os.environ.get("FPP_BINARY", os.path.join(ROOT, ".build", "debug", "fpp"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as work:
        env["FPP_SQLITE_PATH"] = os.path.join(work, "fpp.sqlite")
        made = subprocess.run([binary, "create-admin", "--email", "it@lakeside.test", "--name", "Pat Lee", "--program", "Lakeside Head Start"],
                              input=PASSWORD + "\n", text=True, capture_output=True, env=env, cwd=work, timeout=120)
        assert made.returncode == 0, made.stdout + made.stderr
        log = open(os.path.join(work, "server.log"), "w")
        server = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=work, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(base)
            # The administrator lands on the set-up.
            sign_in(browser, base, "it@lakeside.test")
            assert browser.current_url.endswith("/set-up")
            assert "to do: Name, options, program year" in browser.page_source

            browser.get(f"{base}/set-up/program")
            fill(browser, {"program_year_end": "06/30/2027", "kindergarten_cutoff": "December 1", "kindergarten_starts": "August 20"})
            tick(browser, "services[]", "early_head_start")
            tick(browser, "options[]", "home_based")
            submit(browser, "Save program details")
            assert "kindergarten cutoff December 1" in browser.page_source

            browser.get(f"{base}/set-up/sites")
            fill(browser, {"name": "Lakeside Center", "address": "20 Shore Road", "phone": "9515550150"})
            submit(browser, "Add site")
            assert "Site Lakeside Center added." in browser.page_source

            add_staff(browser, base, "Dee Morgan", "director@lakeside.test", "director")
            add_staff(browser, base, "Tia Brooks", "tia@lakeside.test", "teacher")
            add_staff(browser, base, "Sam Ortiz", "sam@lakeside.test", "family_service_worker")

            for room in ["Robins", "Wrens"]:
                browser.get(f"{base}/set-up/classrooms")
                fill(browser, {"name": room, "site_id": "Lakeside Center"})
                browser.find_element(By.XPATH, "//label[normalize-space()='Tia Brooks']").click()
                submit(browser, "Add classroom")
                assert f"Classroom {room} added." in browser.page_source
            browser.get(f"{base}/set-up")
            assert "done: 2 classrooms" in browser.page_source and "to do: Import them" in browser.page_source

            # The director imports the families: 200 rows, 5 with a mistake each.
            sign_in(browser, base, "director@lakeside.test")
            assert "Set up your program" in browser.page_source
            path = os.path.join(work, "families.csv")
            with open(path, "w", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
                writer.writeheader()
                data = rows(200, 5, "Lakeside Center", ["Robins", "Wrens"])
                writer.writerows(data)
            browser.get(f"{base}/families/import")
            browser.find_element(By.ID, "f-file").send_keys(path)
            browser.find_element(By.CSS_SELECTOR, "input[name='preset'][value='standard']").click()
            submit(browser, "Upload and match columns")
            submit(browser, "Check the file")
            report = browser.find_element(By.TAG_NAME, "main").text
            assert "5 rows have problems and will be left out" in report, report
            lines = sorted({int(cell.text) for cell in browser.find_elements(By.CSS_SELECTOR, "table.stack tbody tr td:first-child")})
            bad = sorted(index + 2 for index, row in enumerate(data) if row["child_date_of_birth"] == "31/31/2023" or row["phone"] == "555-12"
                         or row["child_program"] == "Kindergarten" or row["site"] == "Nowhere Center" or row["child_first_name"] == "")
            assert lines == bad and len(lines) == 5
            button = browser.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Import ')]")
            families = int(re.search(r"Import (\d+) families", button.text).group(1))
            page = browser.find_element(By.TAG_NAME, "html")
            button.click()
            WebDriverWait(browser, 60).until(left(page))
            assert f"Imported {families} families with 195 children" in browser.page_source
            browser.get(f"{base}/set-up")
            assert f"done: {families} families" in browser.page_source

            # A fair draw from the Robins classroom of the imported families.
            browser.get(f"{base}/visit-draws")
            Select(browser.find_element(By.NAME, "roster")).select_by_visible_text("Classroom: Robins")
            fill(browser, {"places": "5"})
            submit(browser, "Draw")
            assert "Draw: Classroom: Robins" in browser.page_source
            assert "Invite these families (5)" in browser.page_source
            os.makedirs(os.path.join(ROOT, "browser", "artifacts"), exist_ok=True)
            browser.save_screenshot(os.path.join(ROOT, "browser", "artifacts", "first-run-draw.png"))
            wide = browser.execute_script(
                "return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
                ".map(e => e.tagName + ' ' + e.textContent.slice(0, 60))")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= browser.execute_script(
                "return document.documentElement.clientWidth"), wide
        finally:
            server.terminate()
            server.wait(timeout=30)

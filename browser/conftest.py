import os
import sys

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from demo import PASSWORD  # noqa: E402


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("FPP_BASE_URL", "http://127.0.0.1:8080")


@pytest.fixture
def browser(base_url):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(2)
    phone(driver)
    yield driver
    driver.quit()


def phone(driver):
    """A 412 x 915 phone. A headless window cannot be made narrower than 500 px, so the page is told it is one."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 412, "height": 915, "deviceScaleFactor": 1, "mobile": True})


def desk(driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})


def fits_the_screen(driver):
    """No part of the page lies beyond the right edge of the screen."""
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def left(page):
    """Waits for the element's page to be replaced: reading a node of a page that is gone fails, in one way or another."""
    def gone(_):
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True
    return gone


def sign_in(driver, base_url, email):
    driver.get(f"{base_url}/sign-in")
    driver.find_element(By.ID, "f-email").send_keys(email)
    driver.find_element(By.ID, "f-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/sign-in" not in d.current_url, "sign-in failed")

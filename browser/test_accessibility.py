import re

from axe_selenium_python import Axe
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import sign_in


def serious(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


def problems_on(browser, base_url, paths):
    problems = {}
    for path in paths:
        browser.get(base_url + path)
        found = serious(browser)
        if found:
            problems[path] = found
    return problems


def pages(base_url):
    director, _ = session_for(base_url, "director@demo.fpp.test")
    home = director.get(f"{base_url}/?q=Alvarez").text
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', home).group(1)
    page = director.get(base_url + family).text
    member = re.search(r'href="(/families/[0-9a-f-]{36}/members/[0-9a-f-]{36}/edit)"', page).group(1)
    return ["/", family, family + "/edit", family + "/enrollment", family + "/team",
            family + "/members/new?kind=child", family + "/members/new?kind=adult", member, "/families/new", "/settings"]


def test_sign_in_page_has_no_serious_violations(browser, base_url):
    browser.get(f"{base_url}/sign-in")
    assert serious(browser) == []


def test_director_pages_have_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "director@demo.fpp.test")
    assert problems_on(browser, base_url, pages(base_url)) == {}


def test_staff_administration_has_no_serious_violations(browser, base_url):
    admin, _ = session_for(base_url, "admin@demo.fpp.test")
    staff = re.search(r'href="(/staff/[0-9a-f-]{36}/edit)"', admin.get(f"{base_url}/staff").text).group(1)
    sign_in(browser, base_url, "admin@demo.fpp.test")
    assert problems_on(browser, base_url, ["/staff", "/staff/new", staff]) == {}


def test_a_form_with_errors_has_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(f"{base_url}/families/new")
    browser.find_element("id", "f-household_name").send_keys("Test family")
    browser.find_element("id", "f-phone").send_keys("12")
    browser.find_element("xpath", "//main//button[normalize-space()='Add family']").click()
    WebDriverWait(browser, 10).until(lambda d: "must have 10 digits" in d.page_source)
    assert serious(browser) == []

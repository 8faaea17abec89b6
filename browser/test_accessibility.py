import re

from axe_selenium_python import Axe
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from api_token import session_for
from conftest import fits_the_screen, sign_in


def serious(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


def problems_on(browser, base_url, paths):
    """Serious or critical axe violations on each page, and any page wider than the 412-px phone it is shown on."""
    problems = {}
    for path in paths:
        browser.get(base_url + path)
        found = serious(browser)
        if not fits_the_screen(browser):
            found.append(f"{browser.execute_script('return document.documentElement.scrollWidth')} px wide on a 412 px phone")
        if found:
            problems[path] = found
    return problems


def pages(base_url):
    director, _ = session_for(base_url, "director@demo.fpp.test")
    home = director.get(f"{base_url}/?q=Alvarez").text
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', home).group(1)
    page = director.get(base_url + family).text
    member = re.search(r'href="(/families/[0-9a-f-]{36}/members/[0-9a-f-]{36}/edit)"', page).group(1)
    assessment = re.search(r'href="(/families/[0-9a-f-]{36}/assessments/[0-9a-f-]{36})"', page).group(1)
    agreement = director.get(base_url + family + "/agreement").text
    goal = re.search(r'href="(/families/[0-9a-f-]{36}/goals/[0-9a-f-]{36})"', agreement).group(1)
    instrument = re.search(r'href="(/instruments/[0-9a-f-]{36})"', director.get(f"{base_url}/instruments").text).group(1)
    provider = re.search(r'href="(/providers/[0-9a-f-]{36})"', director.get(f"{base_url}/providers").text).group(1)
    referral = re.search(r'href="(/families/[0-9a-f-]{36}/referrals/[0-9a-f-]{36})"', page).group(1)
    return (["/", family, family + "/edit", family + "/enrollment", family + "/team",
            family + "/members/new?kind=child", family + "/members/new?kind=adult", member, "/families/new", "/settings",
            family + "/assessments/new", assessment, family + "/agreement", family + "/agreement/print?lang=es",
            family + "/goals/new", goal, goal + "/edit", "/instruments", instrument, "/instruments/new", instrument + "/items/new",
            instrument + "/items/housing", "/settings/program", "/providers", "/providers?category=housing&language=spanish",
            provider, provider + "/edit", "/providers/new", "/providers/import",
            family + "/referrals/new?category=housing&language=spanish", referral, family + "/services/new", "/reports/family-services",
            family + "/agency-plans/new", family + "/privacy", family + "/consents/new", family + "/share",
            family + "/disclosures/new", family + "/record-requests/new", "/partners", "/partners/new",
            family + "/meetings", "/caseloads", "/caseloads/unassigned", "/set-up", "/set-up/program", "/set-up/sites",
            "/set-up/classrooms", "/families/import", family + "/contacts/new", family + "/visits/declined",
            goal + "/state?change=achieve", goal + "/state?change=discontinue", family + "/referrals/new?goal=" + goal.rsplit("/", 1)[1],
            family + "/visits/new", "/visits/week"]
            + [family + "/history/" + name for name in ("upcoming", "visits", "contacts", "referrals", "services", "access")]
            + partner_pages(director, base_url))


def partner_pages(director, base_url):
    partner = re.search(r'href="(/partners/[0-9a-f-]{36})"', director.get(f"{base_url}/partners").text).group(1)
    request = re.search(r'href="(/families/[0-9a-f-]{36}/record-requests/[0-9a-f-]{36})"', director.get(f"{base_url}/").text).group(1)
    return [partner, partner + "/edit", request]


def test_partner_staff_pages_have_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "cps@demo.fpp.test")
    shared = re.search(r'href="(/shared/[0-9a-f-]{36})"', browser.page_source).group(1)
    assert problems_on(browser, base_url, ["/shared", shared]) == {}


def test_a_refused_share_has_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', browser.page_source).group(1)
    browser.get(base_url + family + "/disclosures/new")
    Select(browser.find_element("id", "f-exception")).select_by_value("court_order_or_subpoena")
    browser.find_element("xpath", "//main//button[normalize-space()='Disclose and log']").click()
    WebDriverWait(browser, 10).until(lambda d: "Reason is required." in d.page_source)
    assert "Choose at least one kind of record to share." in browser.page_source
    assert serious(browser) == []


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


def test_partnership_forms_with_errors_have_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    family = re.search(r'href="(/families/[0-9a-f-]{36})"', browser.page_source).group(1)
    browser.get(base_url + family + "/assessments/new")
    # Fields the browser checks itself are filled; the server finds no answers and a date in the future.
    Select(browser.find_element("id", "f-period")).select_by_value("fall")
    Select(browser.find_element("id", "f-mode")).select_by_value("phone")
    browser.find_element("id", "f-participants").send_keys("Parent")
    browser.execute_script("document.getElementById('f-taken_on').value = '2100-01-01'")
    browser.find_element("xpath", "//main//button[normalize-space()='Save assessment']").click()
    WebDriverWait(browser, 10).until(lambda d: "Answer at least one item." in d.page_source)
    assert "cannot be in the future" in browser.page_source
    assert serious(browser) == []


def test_a_csv_import_with_bad_lines_has_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "manager@demo.fpp.test")
    browser.get(f"{base_url}/providers/import")
    browser.find_element("id", "f-csv").send_keys("name,categories\nGood Place,housing\n,pets\n")
    browser.find_element("xpath", "//main//button[normalize-space()='Import']").click()
    WebDriverWait(browser, 10).until(lambda d: "1 provider added; 1 line left out." in d.page_source)
    assert serious(browser) == []


def test_a_form_with_errors_has_no_serious_violations(browser, base_url):
    sign_in(browser, base_url, "monica@demo.fpp.test")
    browser.get(f"{base_url}/families/new")
    browser.find_element("id", "f-household_name").send_keys("Test family")
    browser.find_element("id", "f-phone").send_keys("12")
    browser.find_element("xpath", "//main//button[normalize-space()='Add family']").click()
    WebDriverWait(browser, 10).until(lambda d: "must have 10 digits" in d.page_source)
    assert serious(browser) == []

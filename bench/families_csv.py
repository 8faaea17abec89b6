"""Writes a families CSV in this app's own column names (the import's "standard" preset): a row per child, some
households with two children, and `bad` rows with one mistake each (spread through the file).

    python3 bench/families_csv.py ROWS BAD SITE [CLASSROOM ...] > families.csv
"""
import csv
import datetime
import random
import sys

FIRST = ["Ana", "Luis", "Maya", "Noah", "Emma", "Liam", "Sofia", "Mateo", "Ava", "Elijah", "Mia", "Lucas", "Isabella", "Aiden", "Zoe"]
LAST = ["Garcia", "Smith", "Nguyen", "Johnson", "Martinez", "Brown", "Lee", "Davis", "Lopez", "Wilson", "Clark", "Young", "Hall", "King"]
COLUMNS = ["family_key", "household_name", "address_line", "city", "state", "postal_code", "phone", "preferred_language", "site",
           "program_option", "enrollment_status", "enrolled_on", "adult_first_name", "adult_last_name", "adult_relationship",
           "child_first_name", "child_last_name", "child_date_of_birth", "child_program", "classroom"]


def rows(count, bad, site, classrooms, today=datetime.date(2026, 11, 1)):
    rng = random.Random(2026)
    bad_lines = set(rng.sample(range(count), bad)) if bad else set()
    out, family = [], 0
    while len(out) < count:
        family += 1
        last = rng.choice(LAST)
        phone = f"555{family:07d}"
        for child in range(1 if rng.random() < 0.8 else 2):
            if len(out) >= count:
                break
            head_start = rng.random() < 0.7
            age_days = rng.randint(3 * 365 + 30, 4 * 365 + 300) if head_start else rng.randint(60, 2 * 365)
            born = today - datetime.timedelta(days=age_days)
            out.append({
                "family_key": f"F{family:06d}", "household_name": f"{last} family", "address_line": f"{100 + family} Oak Street",
                "city": "Riverside", "state": "CA", "postal_code": "92501", "phone": phone, "preferred_language": rng.choice(["English", "Spanish"]),
                "site": site, "program_option": "center_based" if head_start else "home_based", "enrollment_status": "enrolled",
                "enrolled_on": "2026-09-01", "adult_first_name": rng.choice(FIRST), "adult_last_name": last, "adult_relationship": "mother",
                "child_first_name": f"{rng.choice(FIRST)} {family}-{child}", "child_last_name": last, "child_date_of_birth": born.isoformat(),
                "child_program": "HS" if head_start else "EHS", "classroom": rng.choice(classrooms) if head_start and classrooms else "",
            })
    for index in bad_lines:
        row = out[index]
        mistake = index % 5
        if mistake == 0: row["child_date_of_birth"] = "31/31/2023"
        elif mistake == 1: row["phone"] = "555-12"
        elif mistake == 2: row["child_program"] = "Kindergarten"
        elif mistake == 3: row["site"] = "Nowhere Center"
        else: row["child_first_name"], row["child_last_name"] = "", ""
    return out


if __name__ == "__main__":
    count, bad, site = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(count, bad, site, sys.argv[4:]))

"""The program reports' figures computed by hand-written SQL on the same SQLite file, for the benchmark to print
beside the app's own time for each report. Usage: reports.py FILE TODAY (YYYY-MM-DD). Prints one line per report:
its name and the median milliseconds of five runs."""
import datetime
import sqlite3
import statistics
import sys
import time

path, today = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
program, year_start = db.execute("SELECT id, program_year_start FROM programs LIMIT 1").fetchone()
start = datetime.date.fromisoformat(year_start).replace(year=today.year)
if start > today:
    start = start.replace(year=today.year - 1)
end = start.replace(year=start.year + 1)
month = today.replace(day=1)

# Families served per category of the program year, and in all.
FAMILY_SERVICES = """
SELECT s.category, COUNT(DISTINCT s.family_id) FROM services s JOIN families f ON f.id = s.family_id
WHERE f.program_id = :program AND s.provided_on >= :start AND s.provided_on < :end GROUP BY s.category
UNION ALL
SELECT NULL, COUNT(DISTINCT s.family_id) FROM services s JOIN families f ON f.id = s.family_id
WHERE f.program_id = :program AND s.provided_on >= :start AND s.provided_on < :end
"""

# Visit and contact minutes per staff member this month, and the minutes outside their contract hours.
VISIT_HOURS = """
WITH entry AS (
  SELECT 'visit' AS kind, s.id AS staff, s.name, v.scheduled_on AS day, v.starts_at AS at,
         COALESCE(v.actual_minutes, v.planned_minutes) AS minutes, s.contract_start, s.contract_end, s.contract_days
  FROM staff s JOIN visit_staff vs ON vs.staff_id = s.id JOIN visits v ON v.id = vs.visit_id
  WHERE s.program_id = :program AND vs.attended AND v.status = 'completed' AND v.scheduled_on BETWEEN :month AND :today
  UNION ALL
  SELECT 'contact', s.id, s.name, c.contacted_on, c.starts_at, c.minutes, s.contract_start, s.contract_end, s.contract_days
  FROM staff s JOIN contacts c ON c.staff_id = s.id
  WHERE s.program_id = :program AND c.contacted_on BETWEEN :month AND :today
), timed AS (
  SELECT *, (CAST(substr(at, 1, 2) AS INTEGER) * 60 + CAST(substr(at, 4, 2) AS INTEGER)) AS b,
         (CAST(substr(contract_start, 1, 2) AS INTEGER) * 60 + CAST(substr(contract_start, 4, 2) AS INTEGER)) AS cs,
         (CAST(substr(contract_end, 1, 2) AS INTEGER) * 60 + CAST(substr(contract_end, 4, 2) AS INTEGER)) AS ce
  FROM entry
)
SELECT staff, name, SUM(CASE kind WHEN 'visit' THEN minutes ELSE 0 END), SUM(CASE kind WHEN 'contact' THEN minutes ELSE 0 END),
       SUM(CASE WHEN at IS NULL THEN 0
                WHEN instr(',' || contract_days || ',', ',' || strftime('%w', day) || ',') = 0 THEN minutes
                ELSE minutes - max(0, min(b + minutes, ce) - max(b, cs)) END)
FROM timed GROUP BY staff, name ORDER BY name
"""

params = {"program": program, "start": start.isoformat(), "end": end.isoformat(), "month": month.isoformat(), "today": today.isoformat()}
for name, query in [("family_services_report", FAMILY_SERVICES), ("visit_hours_report", VISIT_HOURS)]:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        rows = db.execute(query, params).fetchall()
        times.append((time.perf_counter() - began) * 1000)
    print(f"{name} {statistics.median(times):.1f} {len(rows)}")

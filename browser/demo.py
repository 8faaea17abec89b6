PASSWORD = "demo-password-2026"

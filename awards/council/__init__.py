"""The council (Hội đồng Thi đua – Khen thưởng): sessions, agenda, secret ballot, count."""

"""The review dashboard (Streamlit): the QA team's thin shell over `checker`.

`app.py` only builds the navigation; each page in `app_pages/` is a small script; `support` (the session's
bundle, check and store), `views` (tables and charts) and `flag` (one flag's review panel) are the helpers
the pages call; `plain` shows record and reviewers' text as typed, never as Markdown. This is the only package that imports Streamlit or Altair.
"""

"""The Streamlit app's parts: cached work, URL state, formatting, widgets and views."""

"""The two faces of jixiao: the ``jixiao`` command line and the Streamlit app."""

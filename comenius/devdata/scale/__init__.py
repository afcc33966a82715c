"""Reference-scale data (`manage.py generate_scale_data`): the COPY machinery and the project generator."""

"""Small local test sites (served on 127.0.0.1) besides the bundled demo portal."""

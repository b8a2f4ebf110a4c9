"""The files of a site's bundle folder (with manifest.json from auditor.store): names other tools rely on."""

BUNDLE_FILE = "bundle.json"
ARTIFACTS_FILE = "artifacts.json"

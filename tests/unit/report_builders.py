"""Small typed bundles for report tests: only what a report reads, validated by the real models."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from auditor.model.bundle import Bundle

SHANGHAI = timezone(timedelta(hours=8))


def finding(code: str, url: str, *, severity: str = "deduction", column: str | None = None, **extra: Any) -> dict:
    return {
        "id": extra.pop("id", hashlib.sha256(f"{code}|{url}".encode()).hexdigest()[:16]),
        "code": code,
        "indicator_zh": extra.pop(
            "indicator_zh", {"column_stale": "栏目不更新", "homepage_stale": "首页不更新"}.get(code, code)
        ),
        "severity": severity,
        "target": {"url": url, "column": column},
        "observed": extra.pop("observed", {}),
        "message_zh": extra.pop("message_zh", f"{column or url} 存在问题"),
        "evidence": extra.pop("evidence", {}),
        **extra,
    }


def bundle(
    site_id: str,
    name: str,
    *,
    category: str | None = "department",
    kind: str = "department",
    qualified: bool | None = True,
    findings: list[dict] | None = None,
    rules: dict[str, str] | None = None,
    columns: list[dict] | None = None,
    vetoes: list[str] | None = None,
    as_of: date = date(2021, 3, 21),
    accounts: list[dict] | None = None,
    sample: dict | None = None,
    code: str | None = "3101140038",
) -> Bundle:
    started = datetime(as_of.year, as_of.month, as_of.day, 9, 0, tzinfo=SHANGHAI)
    payload: dict[str, Any] = {
        "auditor_version": "test",
        "site": {
            "id": site_id,
            "name": name,
            "code": code,
            "kind": kind,
            "home": f"http://{site_id}.example/",
            "category": category,
        },
        "as_of": as_of.isoformat(),
        "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=1)).isoformat(),
        "requested_url": f"http://{site_id}.example/",
        "verdict": {
            "qualified": qualified,
            "vetoes": [
                {"code": "homepage_stale", "indicator_zh": "首页不更新", "count": 1, "threshold": 1, "message_zh": text}
                for text in (vetoes or [])
            ],
        },
        "findings": findings or [],
        "rules": {
            code_: {"outcome": outcome, "title_zh": code_, "indicator_zh": code_}
            for code_, outcome in (rules or {}).items()
        },
        "columns": columns or [],
        "accounts": accounts or [],
        "sample": sample,
    }
    return Bundle.model_validate(payload)


def column(url: str, name: str, status: str = "fresh") -> dict:
    return {
        "name": name,
        "url": url,
        "class": "news",
        "class_source": "name",
        "level": 1,
        "page_kind": "list",
        "latest_date": "2021-03-20",
        "date_source": "list",
        "item_count": 20,
        "status": status,
    }


def write_site(root: Path, b: Bundle) -> Path:
    folder = root / b.site.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bundle.json").write_text(
        json.dumps(b.model_dump(mode="json", by_alias=True), ensure_ascii=False), "utf-8"
    )
    return folder

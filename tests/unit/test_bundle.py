"""The rules bundle read into typed rules: every field carries the bundle's value, and a bundle
this version cannot read is refused with a message that says what is wrong.

A small bundle written out here stands for the one the build writes (calc.rulefiles): small
enough to state each typed object in full, and independent of edits to rules/.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.bundle import BUNDLE_FORMAT, BundleError, rules_from_bundle, rules_from_json
from calc.dated import Entry, Rule
from calc.model import Audits, Category, Certification, Provider, Rules, Source, Unit


def entry(start: str, value: Any, **fields: Any) -> dict[str, Any]:
    """A dated entry as the build writes it (it also writes keys calc does not read)."""
    written = {"source": "acsm-2025", "status": "confirmed", "basis": "effective"}
    return {"from": start, "value": value, **written, "assumption": None, **fields}


def rule(rid: str, *entries: dict[str, Any]) -> dict[str, Any]:
    page, _, _ = rid.partition(".")
    return {"rule": rid, "page": page, "anchor": rid.replace(".", "-"), "entries": list(entries)}


def fixed(rid: str, value: Any) -> dict[str, Any]:
    """A rule with one confirmed entry, from 2025-01-01."""
    return rule(rid, entry("2025-01-01", value))


def expected(rid: str, *entries: Entry[Any]) -> Rule[Any]:
    page, _, _ = rid.partition(".")
    return Rule(id=rid, page=page, anchor=rid.replace(".", "-"), entries=entries)


def confirmed(value: Any) -> Entry[Any]:
    return Entry(start=date(2025, 1, 1), value=value, source="acsm-2025")


def mini() -> dict[str, Any]:
    """A complete bundle with one or two of everything (a fresh copy on each call)."""
    return {
        "bundle_format": 1,
        "last_verified": "2026-11-28",
        "sources": {
            "acsm-audit": {
                "title": "ACSM recertification audit",
                "url": "https://www.acsm.org/audit",
                "publisher": "American College of Sports Medicine",
                "published": "2019-05-20",
                "retrieved": "2026-11-28",
                "confidence": "high",
                "note": "Thirty days to send the proof.",
            },
            "ncsf-recertify": {
                "title": "NCSF recertification",
                "url": "https://www.ncsf.org/recertify",
                "publisher": "National Council on Strength and Fitness",
                "retrieved": "2026-11-27",
                "confidence": "medium",
            },
        },
        "certifications": {
            "cpt": {
                "name": "ACSM Certified Personal Trainer",
                "abbreviation": "ACSM-CPT",
                "kind": "primary",
                "description": "not read by calc",
                "standing": fixed("certifications.cpt.standing", "current"),
                "required_cecs": rule(
                    "certifications.cpt.required_cecs",
                    entry("2015-02-04", "45", source="acsm-faq12", basis="source"),
                    entry("2025-01-01", "45", note="Unchanged in 2025."),
                ),
                "renewal_fee_usd": fixed("certifications.cpt.renewal_fee_usd", "45.50"),
            },
            "eim": {
                "name": "Exercise is Medicine Credential",
                "abbreviation": "EIM",
                "kind": "credential",
                "standing": fixed("certifications.eim.standing", "current"),
                "maintenance": fixed("certifications.eim.maintenance", "kept with a primary"),
            },
        },
        "units": {
            "ceu": {
                "name": "CEUs (continuing education units)",
                "short": "CEU",
                "plural": "CEUs",
                "provider_defined": True,
                "time_based": True,
                "convention": fixed("units.ceu.convention", "A CEU counts 1 = 1"),
                "example_amount": "1.5",
            },
            "contact_hour": {
                "name": "Contact hours",
                "short": "Contact Hour",
                "cecs_per_unit": fixed("units.contact_hour.cecs_per_unit", "1"),
                "convention": fixed("units.contact_hour.convention", "1 = 1"),
            },
        },
        "conversion": {
            "one_to_one": fixed("conversion.one_to_one", "1"),
            "decimal_system": fixed("conversion.decimal_system", "10"),
            "per_hour_in_doubt": fixed("conversion.per_hour_in_doubt", "1"),
        },
        "providers": {
            "ncsf": {
                "name": "National Council on Strength and Fitness (NCSF)",
                "abbreviation": "NCSF",
                "unit": "ceu",
                "decimal_system": fixed("providers.ncsf.decimal_system", False),
                "hours_per_credit": rule(
                    "providers.ncsf.hours_per_credit",
                    entry("2026-11-28", "2", status="unconfirmed", basis="source", note="2 h"),
                ),
                "convention": fixed("providers.ncsf.convention", "0.5 CEU per hour"),
            },
            "acsm": {
                "name": "American College of Sports Medicine",
                "abbreviation": "ACSM Online",
                "unit": "contact_hour",
                "reported_automatically": fixed("providers.acsm.reported_automatically", "yes"),
            },
        },
        "categories": {
            "education": {
                "name": "Continuing education",
                "in_force": fixed("categories.education.in_force", True),
            },
            "college": {
                "name": "College courses",
                "in_force": rule(
                    "categories.college.in_force",
                    entry("2019-05-20", True),
                    entry("2030-01-01", None, note="Retired."),
                ),
                "cap_per_year": fixed("categories.college.cap_per_year", "15"),
                "cap_per_cycle": fixed("categories.college.cap_per_cycle", "30"),
                "suggested_unit": "contact_hour",
            },
        },
        "default_category": "education",
        "scope": {"within_scope": fixed("scope.within_scope", "fitness and health")},
        "renewal": {
            "cycle_years": fixed("renewal.cycle_years", "3"),
            "cycle_end": fixed("renewal.cycle_end", "12-31"),
            "grace_period_end": fixed("renewal.grace_period_end", "01-31"),
            "late_fee_usd": fixed("renewal.late_fee_usd", "25"),
            "reinstatement_fee_usd": fixed("renewal.reinstatement_fee_usd", "50"),
            "reinstatement": fixed("renewal.reinstatement", ["pay", "earn the CECs"]),
            "grace_status": fixed("renewal.grace_status", "inactive"),
            "renewal_window_years": fixed("renewal.renewal_window_years", "1"),
            "cpr_aed_required": fixed("renewal.cpr_aed_required", True),
            "highest_certification_only": fixed("renewal.highest_certification_only", "yes"),
            "additional_certification_fee_usd": fixed(
                "renewal.additional_certification_fee_usd", "10"
            ),
        },
        "audits": {
            "keep_proof_years": {
                "rule": "audits.keep_proof_years",
                "page": "audits",
                "anchor": "audits-keep-proof",
                "entries": [
                    {
                        "from": "2019-05-20",
                        "value": "4",
                        "source": "acsm-audit",
                        "status": "confirmed",
                        "basis": "source",
                        "note": "From the audit letter.",
                    }
                ],
            },
            # Read by the audit pages only, not by the calculator: not loaded.
            "proof_due_days": fixed("audits.proof_due_days", "30"),
        },
        "tracking": {
            "self_reporting_steps": fixed("tracking.self_reporting_steps", ["log in", "report"])
        },
    }


@pytest.fixture(scope="module")
def rules() -> Rules:
    return rules_from_bundle(mini())


TYPED: list[tuple[str, Callable[[Rules], object], object]] = [
    (
        "source with every field",
        lambda r: r.sources["acsm-audit"],
        Source(
            id="acsm-audit",
            title="ACSM recertification audit",
            url="https://www.acsm.org/audit",
            publisher="American College of Sports Medicine",
            published="2019-05-20",
            retrieved=date(2026, 11, 28),
            confidence="high",
            note="Thirty days to send the proof.",
        ),
    ),
    (
        "source without published day or note",
        lambda r: r.sources["ncsf-recertify"],
        Source(
            id="ncsf-recertify",
            title="NCSF recertification",
            url="https://www.ncsf.org/recertify",
            publisher="National Council on Strength and Fitness",
            published=None,
            retrieved=date(2026, 11, 27),
            confidence="medium",
            note=None,
        ),
    ),
    (
        "certification with CECs and a fee",
        lambda r: r.certifications["cpt"],
        Certification(
            id="cpt",
            name="ACSM Certified Personal Trainer",
            abbreviation="ACSM-CPT",
            kind="primary",
            standing=expected("certifications.cpt.standing", confirmed("current")),
            required_cecs=expected(
                "certifications.cpt.required_cecs",
                Entry(date(2015, 2, 4), Decimal(45), "acsm-faq12", "confirmed", "source", None),
                Entry(date(2025, 1, 1), Decimal(45), "acsm-2025", note="Unchanged in 2025."),
            ),
            renewal_fee_usd=expected(
                "certifications.cpt.renewal_fee_usd", confirmed(Decimal("45.5"))
            ),
            maintenance=None,
        ),
    ),
    (
        "credential kept through another certification",
        lambda r: r.certifications["eim"],
        Certification(
            id="eim",
            name="Exercise is Medicine Credential",
            abbreviation="EIM",
            kind="credential",
            standing=expected("certifications.eim.standing", confirmed("current")),
            required_cecs=None,
            renewal_fee_usd=None,
            maintenance=expected(
                "certifications.eim.maintenance", confirmed("kept with a primary")
            ),
        ),
    ),
    (
        "provider-defined, time-based unit",
        lambda r: r.units["ceu"],
        Unit(
            id="ceu",
            name="CEUs (continuing education units)",
            short="CEU",
            plural="CEUs",
            provider_defined=True,
            time_based=True,
            cecs_per_unit=None,
            convention=expected("units.ceu.convention", confirmed("A CEU counts 1 = 1")),
        ),
    ),
    (
        "unit with no plural and no flags",
        lambda r: r.units["contact_hour"],
        Unit(
            id="contact_hour",
            name="Contact hours",
            short="Contact Hour",
            plural="Contact Hour",
            provider_defined=False,
            time_based=False,
            cecs_per_unit=expected("units.contact_hour.cecs_per_unit", confirmed(Decimal(1))),
            convention=expected("units.contact_hour.convention", confirmed("1 = 1")),
        ),
    ),
    (
        "provider with its own conversion",
        lambda r: r.providers["ncsf"],
        Provider(
            id="ncsf",
            name="National Council on Strength and Fitness (NCSF)",
            abbreviation="NCSF",
            unit="ceu",
            decimal_system=expected("providers.ncsf.decimal_system", confirmed(False)),
            hours_per_credit=expected(
                "providers.ncsf.hours_per_credit",
                Entry(date(2026, 11, 28), Decimal(2), "acsm-2025", "unconfirmed", "source", "2 h"),
            ),
            convention=expected("providers.ncsf.convention", confirmed("0.5 CEU per hour")),
            reported_automatically=None,
        ),
    ),
    (
        "provider that reports automatically",
        lambda r: r.providers["acsm"],
        Provider(
            id="acsm",
            name="American College of Sports Medicine",
            abbreviation="ACSM Online",
            unit="contact_hour",
            decimal_system=None,
            hours_per_credit=None,
            convention=None,
            reported_automatically=expected(
                "providers.acsm.reported_automatically", confirmed("yes")
            ),
        ),
    ),
    (
        "category with caps, a retirement and a suggested unit",
        lambda r: r.categories["college"],
        Category(
            id="college",
            name="College courses",
            in_force=expected(
                "categories.college.in_force",
                Entry(date(2019, 5, 20), True, "acsm-2025"),
                Entry(date(2030, 1, 1), None, "acsm-2025", note="Retired."),
            ),
            cap_per_year=expected("categories.college.cap_per_year", confirmed(Decimal(15))),
            cap_per_cycle=expected("categories.college.cap_per_cycle", confirmed(Decimal(30))),
            suggested_unit="contact_hour",
        ),
    ),
    (
        "category with no cap",
        lambda r: r.categories["education"],
        Category(
            id="education",
            name="Continuing education",
            in_force=expected("categories.education.in_force", confirmed(True)),
            cap_per_year=None,
            cap_per_cycle=None,
            suggested_unit=None,
        ),
    ),
    (
        "audits",
        lambda r: r.audits,
        Audits(
            keep_proof_years=Rule(
                id="audits.keep_proof_years",
                page="audits",
                anchor="audits-keep-proof",
                entries=(
                    Entry(
                        start=date(2019, 5, 20),
                        value=Decimal(4),
                        source="acsm-audit",
                        status="confirmed",
                        basis="source",
                        note="From the audit letter.",
                    ),
                ),
            ),
        ),
    ),
    (
        "renewal steps as a tuple",
        lambda r: r.renewal.reinstatement,
        expected("renewal.reinstatement", confirmed(("pay", "earn the CECs"))),
    ),
    (
        "conversion on the decimal system",
        lambda r: r.equivalence.decimal_system,
        expected("conversion.decimal_system", confirmed(Decimal(10))),
    ),
    (
        "self-reporting steps",
        lambda r: r.tracking.self_reporting_steps,
        expected("tracking.self_reporting_steps", confirmed(("log in", "report"))),
    ),
    (
        "scope",
        lambda r: r.within_scope,
        expected("scope.within_scope", confirmed("fitness and health")),
    ),
    ("last verified", lambda r: r.last_verified, date(2026, 11, 28)),
    ("default category", lambda r: r.default_category, "education"),
]


@pytest.mark.parametrize(("get", "want"), [t[1:] for t in TYPED], ids=[t[0] for t in TYPED])
def test_each_typed_object_carries_the_bundles_values(
    rules: Rules, get: Callable[[Rules], object], want: object
) -> None:
    assert get(rules) == want


def test_exact_numbers_stay_exact(rules: Rules) -> None:
    fee = rules.certifications["cpt"].renewal_fee_usd
    assert fee is not None
    value = fee.entries[0].value
    assert isinstance(value, Decimal) and str(value) == "45.50"


def test_every_rule_of_each_section_is_read(rules: Rules) -> None:
    assert list(rules.sources) == ["acsm-audit", "ncsf-recertify"]
    assert list(rules.certifications) == ["cpt", "eim"]
    assert list(rules.units) == ["ceu", "contact_hour"]
    assert list(rules.providers) == ["ncsf", "acsm"]
    assert list(rules.categories) == ["education", "college"]
    renewal = rules.renewal
    assert [
        renewal.cycle_years.entries[0].value,
        renewal.cycle_end.entries[0].value,
        renewal.grace_period_end.entries[0].value,
        renewal.late_fee_usd.entries[0].value,
        renewal.reinstatement_fee_usd.entries[0].value,
        renewal.grace_status.entries[0].value,
        renewal.renewal_window_years.entries[0].value,
        renewal.cpr_aed_required.entries[0].value,
        renewal.highest_certification_only.entries[0].value,
        renewal.additional_certification_fee_usd.entries[0].value,
    ] == [
        Decimal(3),
        "12-31",
        "01-31",
        Decimal(25),
        Decimal(50),
        "inactive",
        Decimal(1),
        True,
        "yes",
        Decimal(10),
    ]


def test_names_people_type_for_providers_and_units(rules: Rules) -> None:
    """Abbreviations and names, whole and without the explanation in brackets, each as
    name_key compares names (any case, punctuation and spacing)."""
    assert rules.provider_names == {
        "ncsf": "ncsf",
        "national council on strength and fitness ncsf": "ncsf",
        "national council on strength and fitness": "ncsf",
        "acsm online": "acsm",
        "american college of sports medicine": "acsm",
    }
    assert rules.unit_names == {
        "ceu": "ceu",
        "ceus": "ceu",
        "ceus continuing education units": "ceu",
        "contact hour": "contact_hour",
        "contact hours": "contact_hour",
    }


def test_a_name_two_providers_share_names_neither() -> None:
    bundle = mini()
    bundle["providers"]["acsm"]["abbreviation"] = "NCSF"
    rules = rules_from_bundle(bundle)
    assert "ncsf" not in rules.provider_names
    assert rules.provider_names["national council on strength and fitness"] == "ncsf"


def test_the_built_bundle_has_every_section_of_this_one(bundle: dict[str, Any]) -> None:
    """The small bundle above keeps to the shape the build writes."""
    assert set(mini()) <= set(bundle)
    assert bundle["bundle_format"] == BUNDLE_FORMAT


def test_the_built_bundle_reads_name_for_name(bundle: dict[str, Any]) -> None:
    built = rules_from_bundle(bundle)
    for cid, raw in bundle["certifications"].items():
        cert = built.certifications[cid]
        assert (cert.id, cert.name, cert.abbreviation, cert.kind) == (
            cid,
            raw["name"],
            raw["abbreviation"],
            raw["kind"],
        )
    for uid, raw in bundle["units"].items():
        unit = built.units[uid]
        assert (unit.id, unit.name, unit.short, unit.plural) == (
            uid,
            raw["name"],
            raw["short"],
            raw.get("plural", raw["short"]),
        )
    for pid, raw in bundle["providers"].items():
        assert (built.providers[pid].name, built.providers[pid].unit) == (raw["name"], raw["unit"])
    for sid, raw in bundle["sources"].items():
        source = built.sources[sid]
        assert (source.publisher, source.published, source.confidence, source.note) == (
            raw["publisher"],
            raw.get("published"),
            raw["confidence"],
            raw.get("note"),
        )


def test_a_rules_entry_note_reaches_the_typed_rules(bundle: dict[str, Any]) -> None:
    built = rules_from_bundle(bundle)
    for cid, raw in bundle["certifications"].items():
        notes = [e.get("note") for e in raw["standing"]["entries"]]
        assert [e.note for e in built.certifications[cid].standing.entries] == notes


def test_rules_from_json_reads_the_bundle_text() -> None:
    assert rules_from_json(json.dumps(mini())) == rules_from_bundle(mini())


def changed(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    bundle = copy.deepcopy(mini())
    edit(bundle)
    return bundle


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "a newer format",
        lambda b: b.update(bundle_format=2),
        "rules bundle format 2 is not 1",
    ),
    (
        "a format written as text",
        lambda b: b.update(bundle_format="1"),
        "rules bundle format '1' is not 1",
    ),
    (
        "no format at all",
        lambda b: b.pop("bundle_format"),
        "rules bundle is malformed: KeyError: 'bundle_format'",
    ),
    (
        "a missing section",
        lambda b: b.pop("units"),
        "rules bundle is malformed: KeyError: 'units'",
    ),
    (
        "a missing field",
        lambda b: b["certifications"]["cpt"].pop("kind"),
        "rules bundle is malformed: KeyError: 'kind'",
    ),
    (
        "a section of the wrong type",
        lambda b: b.update(units=[]),
        "rules bundle is malformed: AttributeError: 'list' object has no attribute 'items'",
    ),
    (
        "a unit name of the wrong type",
        lambda b: b["units"]["ceu"].update(short=7, plural=None),
        "rules bundle is malformed: AttributeError: 'int' object has no attribute 'split'",
    ),
    (
        "entries that are not a list",
        lambda b: b["audits"]["keep_proof_years"].update(entries=4),
        "rules bundle is malformed: TypeError: 'int' object is not iterable",
    ),
    (
        "a date that does not exist",
        lambda b: b.update(last_verified="2026-02-30"),
        "rules bundle is malformed: '2026-02-30' is not a date written YYYY-MM-DD",
    ),
    (
        "an entry's date written another way",
        lambda b: b["audits"]["keep_proof_years"]["entries"][0].update({"from": "1/1/2025"}),
        "rules bundle is malformed: '1/1/2025' is not a date written YYYY-MM-DD",
    ),
    (
        "a provider's unknown unit",
        lambda b: b["providers"]["ncsf"].update(unit="ceux"),
        "rules bundle is malformed: providers.ncsf.unit names unknown unit 'ceux'"
        " (known: ceu, contact_hour)",
    ),
    (
        "a category's unknown suggested unit",
        lambda b: b["categories"]["college"].update(suggested_unit="credit"),
        "rules bundle is malformed: categories.college.suggested_unit names unknown unit"
        " 'credit' (known: ceu, contact_hour)",
    ),
    (
        "an unknown default category",
        lambda b: b.update(default_category="other"),
        "rules bundle is malformed: default_category names unknown category 'other'"
        " (known: education, college)",
    ),
]


@pytest.mark.parametrize(("edit", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_malformed_bundle_is_refused_with_what_is_wrong(
    edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(BundleError) as raised:
        rules_from_bundle(changed(edit))
    assert str(raised.value) == message


def test_a_number_that_is_not_one_is_refused() -> None:
    def edit(b: dict[str, Any]) -> None:
        b["certifications"]["cpt"]["required_cecs"]["entries"][0]["value"] = "forty-five"

    with pytest.raises(BundleError, match=r"^rules bundle is malformed: InvalidOperation: "):
        rules_from_bundle(changed(edit))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "rules bundle is not JSON: Expecting value: line 1 column 1 (char 0)"),
        (
            "{",
            "rules bundle is not JSON: Expecting property name enclosed in double quotes:"
            " line 1 column 2 (char 1)",
        ),
        (
            "[]",
            "rules bundle is malformed: TypeError: list indices must be integers or slices,"
            " not str",
        ),
    ],
    ids=["empty", "cut short", "not an object"],
)
def test_bundle_text_that_is_not_a_bundle_is_refused(text: str, message: str) -> None:
    with pytest.raises(BundleError) as raised:
        rules_from_json(text)
    assert str(raised.value) == message

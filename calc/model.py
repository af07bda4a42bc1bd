"""The rule set as frozen, typed objects, built from the JSON bundle (see ``calc.bundle``).

Only what the calculator applies is modelled here; the docs pages read the bundle as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from calc.dated import Rule
from calc.text import title_key


@dataclass(frozen=True)
class Profile:
    certifications: tuple[str, ...]
    cycle_end: date
    cycle_start: date | None  # None: the default start, from the cycle length in the rules
    cpr_expires: date | None
    as_of: date
    renewed_on: date | None = None  # the day the professional submitted the renewal and paid


def _given(value: object) -> tuple[object, ...]:
    """An optional field as a sort key that needs no stand-in value: a value not given sorts
    before every value (a not-said answer before no, no before yes: the lower reading first)."""
    return () if value is None else (value,)


@dataclass(frozen=True)
class Activity:
    completed: date
    title: str
    provider: str
    amount: Decimal | None  # None only where the category lets it wait (a CPR course's length)
    unit: str | None = None  # None: the provider's own unit
    category: str | None = None  # None: the default category
    in_scope: bool = True
    certificate: bool = False
    decimal_system: bool | None = None  # None: not said
    reported: bool | None = None  # None: not said
    separate: bool = False  # the professional says it is not a copy of a look-alike
    service_from: date | None = None  # the period served, for committee service
    service_to: date | None = None
    organization: str = ""  # the organization's own name (a course from one the rules do not list)
    # What other certifying bodies ask (calc.bodies): the hours of participation where the unit
    # does not give them, live or recorded (None: not said), topics a body requires a part of
    # (ethics), and per body (as the log names it) an approval or course number, and the bodies
    # that approved the professional's petition for it.
    participation_hours: Decimal | None = None
    format: str | None = None
    topics: tuple[str, ...] = ()
    approvals: tuple[tuple[str, str], ...] = ()
    petitions: tuple[str, ...] = ()
    # An activity is a memo key on every recompute of the page (calc.memo): its hash is
    # worked out once, when it is made, from every field above; so is the order in which it
    # fills a cap (calc.engine), by date, then by every field, so that only equal activities tie.
    _hash: int = field(init=False, repr=False, compare=False)
    fill_order: tuple[object, ...] = field(init=False, repr=False, compare=False)
    # What a copy of it shares (calc.engine adds the unit the provider gives when none is said).
    copy_key: tuple[object, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        order = (
            self.completed,
            self.title,
            self.provider,
            _given(self.amount),
            _given(self.unit),
            _given(self.category),
            self.in_scope,
            self.certificate,
            _given(self.decimal_system),
            _given(self.reported),
            self.separate,
            _given(self.service_from),
            _given(self.service_to),
            self.organization,
            _given(self.participation_hours),
            _given(self.format),
            self.topics,
            self.approvals,
            self.petitions,
        )
        object.__setattr__(self, "fill_order", order)
        object.__setattr__(self, "_hash", hash(order))
        key = (self.completed, self.provider, self.amount, title_key(self.title))
        object.__setattr__(self, "copy_key", key)

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    publisher: str
    published: str | None
    retrieved: date
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    abbreviation: str
    kind: str  # primary, specialty, or credential (kept through another certification)
    standing: Rule[str]
    required_cecs: Rule[Decimal] | None
    renewal_fee_usd: Rule[Decimal] | None
    maintenance: Rule[str] | None


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    plural: str
    provider_defined: bool  # a CEC or CEU: worth what ACSM's rule gives for its provider
    time_based: bool  # stands for hours of participation
    cecs_per_unit: Rule[Decimal] | None  # None for a provider-defined unit
    convention: Rule[str]
    # The share of cecs_per_unit one counts, as (numerator, denominator): a quarter credit hour
    # is 2/3 of a semester credit hour.
    share: Rule[tuple[Decimal, Decimal]] | None = None
    aliases: tuple[str, ...] = ()  # other names spreadsheets give it ("quarter credits")


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    abbreviation: str
    unit: str
    decimal_system: Rule[bool] | None  # None: not listed; the professional says
    hours_per_credit: Rule[Decimal] | None  # neither 1 nor the decimal system's (NCSF: 2)
    convention: Rule[str] | None
    reported_automatically: Rule[str] | None  # what ACSM adds to the dashboard by itself
    aliases: tuple[str, ...] = ()  # other names spreadsheets give it ("American College of...")
    named: bool = False  # an organization the rules do not list: each activity gives its name


@dataclass(frozen=True)
class Equivalence:
    """ACSM's rule for other organizations' credits: 1 = 1; .1 = 1 on the decimal system; in
    doubt, 1 CEC per hour of participation."""

    one_to_one: Rule[Decimal]
    decimal_system: Rule[Decimal]
    per_hour_in_doubt: Rule[Decimal]


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    in_force: Rule[bool]
    cap_per_year: Rule[Decimal] | None
    cap_per_cycle: Rule[Decimal] | None
    suggested_unit: str | None
    cap_per_service_year: Rule[Decimal] | None = None  # per 12 months of service (committee)
    per_completion: Rule[Decimal] | None = None  # the other reading: what a completion counts
    service_period: bool = False  # each activity records the period served
    length_in_hours: bool = False  # the form asks the course's length; missing is a to-do
    cpr_course: bool = False  # other bodies count it by their CPR rule (calc.bodies)


@dataclass(frozen=True)
class Renewal:
    cycle_years: Rule[Decimal]
    cycle_end: Rule[str]  # MM-DD
    grace_period_end: Rule[str]  # MM-DD, in the year after the cycle end
    late_fee_usd: Rule[Decimal]
    reinstatement_fee_usd: Rule[Decimal]
    reinstatement_fee_other_usd: Rule[Decimal] | None  # a less certain copy's figure, shown too
    reinstatement_known_years: Rule[Decimal] | None  # how far ACSM's reinstatement text reaches
    reinstatement: Rule[tuple[str, ...]]
    grace_status: Rule[str]
    renewal_window_years: Rule[Decimal]
    cpr_aed_required: Rule[bool]
    highest_certification_only: Rule[str]
    additional_certification_fee_usd: Rule[Decimal]


@dataclass(frozen=True)
class Audits:
    # Only what the calculator reads: the audit pages are written from the bundle itself.
    keep_proof_years: Rule[Decimal]


@dataclass(frozen=True)
class Tracking:
    self_reporting_steps: Rule[tuple[str, ...]]
    # The link a to-do gives to ACSM's own page: its words; the address is its source's.
    acsm_page: Rule[str] | None = None


@dataclass(frozen=True)
class Rules:
    last_verified: date
    sources: Mapping[str, Source]
    certifications: Mapping[str, Certification]
    units: Mapping[str, Unit]
    equivalence: Equivalence
    providers: Mapping[str, Provider]
    categories: Mapping[str, Category]
    default_category: str
    within_scope: Rule[str]
    renewal: Renewal
    audits: Audits
    tracking: Tracking
    # Display names people type for ids ("ACE", "CEU", "contact hours"), lower-cased: derived
    # from the above once, when the rules load.
    provider_names: Mapping[str, str]
    unit_names: Mapping[str, str]

"""A trainer's folder of certificates, as PDFs written here (no PDF library needed), each with the
draft a careful person would enter from it. The expected values are read off the certificate by a
person, not by the parser: ``tests/cli/test_read_certificate.py`` measures how close
``calc read-certificate`` comes.

How each field is labelled:

- ``date``: the day the course was completed (a card's issue day), as YYYY-MM-DD. None when the
  certificate gives no single day, or writes it so that it could be two (03/04/2025).
- ``title``: the course's or event's name as printed. None when the certificate names none.
- ``provider``: the id in ``rules/acsm/providers.yaml`` of the body whose credits the certificate
  awards (``acsm_approved`` for an ACSM Approved Provider or regional chapter); ``other`` for an
  organization the rules do not list.
- ``organization``: the name of the organization that gave the course when it is not the listed
  body itself (an approved provider, a chapter, an organization the rules do not list). None for a
  body's own course.
- ``amount`` and ``unit``: the credits the certificate awards, in the provider's own credits when
  it also gives hours or other bodies' equivalents; the total at a conference. None when the
  certificate awards no credit (a CPR card).
- ``number``: the number the certificate labels as the course's, the approval's, the event's,
  the certificate's or the provider's; when it gives the course's and the provider's, the
  course's. None when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIELDS = ("date", "title", "provider", "organization", "amount", "unit", "number")

PORTRAIT = (612, 792)
LANDSCAPE = (792, 612)
FONT_SIZE = 12
LEADING = 16
MARGIN = 72


def _escaped(line: str) -> str:
    """A line as a PDF literal string's contents: Latin-1 bytes, with backslash and parentheses
    escaped and any byte outside printable ASCII written in octal."""
    out = []
    for byte in line.encode("latin-1"):
        char = chr(byte)
        if char in "\\()":
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "".join(out)


def _content(lines: list[str], height: int) -> bytes:
    """A page's content stream: each line in its own text object, placed with its own Td."""
    parts = []
    y = height - MARGIN
    for line in lines:
        if line:
            parts.append(f"BT /F1 {FONT_SIZE} Tf {MARGIN} {y} Td ({_escaped(line)}) Tj ET\n")
        y -= LEADING
    return "".join(parts).encode("latin-1")


def pdf_bytes(pages: list[list[str]], landscape: bool = False) -> bytes:
    """A PDF of the pages (each a list of lines; "" leaves a line empty) in Helvetica."""
    width, height = LANDSCAPE if landscape else PORTRAIT
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        stream = _content(lines, height)
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {first_page + 2 * i + 1} 0 R >>"
            ).encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


@dataclass(frozen=True)
class Case:
    name: str
    pages: list[list[str]]
    expected: dict[str, str | None]
    landscape: bool = False
    note: str = field(default="", compare=False)

    def pdf(self) -> bytes:
        return pdf_bytes(self.pages, self.landscape)

    @property
    def lines(self) -> list[str]:
        return [line for page in self.pages for line in page if line]


def draft(
    date: str | None = None,
    title: str | None = None,
    provider: str | None = None,
    organization: str | None = None,
    amount: str | None = None,
    unit: str | None = None,
    number: str | None = None,
) -> dict[str, str | None]:
    return {
        "date": date,
        "title": title,
        "provider": provider,
        "organization": organization,
        "amount": amount,
        "unit": unit,
        "number": number,
    }


CASES: list[Case] = [
    # --- ACSM's own ---------------------------------------------------------------------------
    Case(
        "acsm_ceonline_exercise_is_medicine.pdf",
        [
            [
                "ACSMceOnline",
                "American College of Sports Medicine",
                "",
                "Certificate of Completion",
                "",
                "This certifies that",
                "Jordan Lee",
                "has successfully completed",
                "Exercise Is Medicine: Prescribing Physical Activity",
                "",
                "Date Completed: March 4, 2025",
                "ACSM CECs Awarded: 2.0",
                "Course ID: ACSMCE-2291",
                "",
                "ACSM, 401 W. Michigan St., Indianapolis, IN 46202 | 317-637-9200",
            ]
        ],
        draft(
            "2025-03-04",
            "Exercise Is Medicine: Prescribing Physical Activity",
            "acsm",
            None,
            "2",
            "cec",
            "ACSMCE-2291",
        ),
    ),
    Case(
        "acsm_webinar_older_adults.pdf",
        [
            [
                "AMERICAN COLLEGE OF SPORTS MEDICINE",
                "Certificate of Attendance",
                "",
                "Jordan Lee",
                "attended the live ACSM webinar",
                "Resistance Training for Older Adults: Current Evidence",
                "held on 4 March 2025",
                "",
                "This activity has been approved for 1.0 ACSM CEC.",
            ]
        ],
        draft(
            "2025-03-04",
            "Resistance Training for Older Adults: Current Evidence",
            "acsm",
            None,
            "1",
            "cec",
            None,
        ),
        landscape=True,
    ),
    Case(
        "acsm_annual_meeting_2025.pdf",
        [
            [
                "American College of Sports Medicine",
                "ACSM Annual Meeting and World Congresses",
                "Certificate of Attendance",
                "",
                "Jordan Lee",
                "attended the 2025 ACSM Annual Meeting in Atlanta, Georgia, May 27-30, 2025,",
                "and has claimed 15.5 ACSM CECs.",
                "",
                "Certificate issued: June 3, 2025",
            ]
        ],
        draft("2025-05-30", "2025 ACSM Annual Meeting", "acsm", None, "15.5", "cec", None),
        landscape=True,
        note="A four-day meeting: the last day is the day completed; the issue day is later.",
    ),
    Case(
        "acsm_course_enrolled_completed.pdf",
        [
            [
                "ACSMceOnline",
                "Certificate of Completion",
                "Jordan Lee",
                "for completing Behavior Change Strategies for Exercise Adherence",
                "Enrolled: January 5, 2025",
                "Completed: February 27, 2025",
                "3 ACSM CECs",
                "Questions? ceonline@acsm.org or 317-637-9200, ext. 117",
            ]
        ],
        draft(
            "2025-02-27",
            "Behavior Change Strategies for Exercise Adherence",
            "acsm",
            None,
            "3",
            "cec",
            None,
        ),
    ),
    # --- ACSM Approved Providers and chapters ---------------------------------------------------
    Case(
        "approved_provider_kettlebell.pdf",
        [
            [
                "Fitness Education Network",
                "Certificate of Completion",
                "",
                "Jordan Lee",
                "for completing Kettlebell Foundations Workshop",
                "Presented by Fitness Education Network on April 12, 2025",
                "",
                "Fitness Education Network is an ACSM Approved Provider.",
                "This program is approved for 6 ACSM CECs.",
                "Approval Number: AP-2025-0412",
            ]
        ],
        draft(
            "2025-04-12",
            "Kettlebell Foundations Workshop",
            "acsm_approved",
            "Fitness Education Network",
            "6",
            "cec",
            "AP-2025-0412",
        ),
    ),
    Case(
        "approved_provider_two_approvals.pdf",
        [
            [
                "Body Mechanics Academy",
                "Certificate of Completion",
                "This certifies that Jordan Lee has completed",
                "Course: Assessing Movement Dysfunction",
                "Completion date: 2025-01-25",
                "Offered by Body Mechanics Academy, an ACSM Approved Provider",
                "This course is approved for 6 ACSM CECs and 0.6 ACE CECs.",
                "ACSM Approval #: 2025-BMA-114",
                "Body Mechanics Academy, 1200 Lake Shore Dr., Suite 300, Chicago, IL 60610",
            ]
        ],
        draft(
            "2025-01-25",
            "Assessing Movement Dysfunction",
            "acsm_approved",
            "Body Mechanics Academy",
            "6",
            "cec",
            "2025-BMA-114",
        ),
        landscape=True,
        note="Approved by ACSM and ACE: a trainer certified by ACSM enters the ACSM CECs.",
    ),
    Case(
        "approved_provider_no_title.pdf",
        [
            [
                "Peak Performance Seminars",
                "ACSM Approved Provider",
                "",
                "CEC Certificate",
                "",
                "This certifies that Jordan Lee",
                "has earned 3 ACSM CECs",
                "Date: March 20, 2025",
                "Provided by Peak Performance Seminars",
                "Call 1-800-555-0142 or visit peakperformanceseminars.com",
            ]
        ],
        draft("2025-03-20", None, "acsm_approved", "Peak Performance Seminars", "3", "cec", None),
        note="No course is named.",
    ),
    Case(
        "approved_provider_approval_period.pdf",
        [
            [
                "Heartland Exercise Physiology Group",
                "Certificate of Completion",
                "has successfully completed",
                "Cardiac Rehabilitation Update for Exercise Professionals",
                "Presented by Heartland Exercise Physiology Group",
                "Completion date: September 9, 2024",
                "ACSM Approved Provider. Approval period: January 1, 2024 through December 31, 2025",
                "Approved for 4.5 ACSM CECs",
                "Provider Number: 1998-HEPG",
                "Serving the Midwest since 1998",
            ]
        ],
        draft(
            "2024-09-09",
            "Cardiac Rehabilitation Update for Exercise Professionals",
            "acsm_approved",
            "Heartland Exercise Physiology Group",
            "4.5",
            "cec",
            "1998-HEPG",
        ),
        note="Only a provider number, and the provider's founding year, 1998, as a plain number.",
    ),
    Case(
        "seacsm_annual_meeting_sessions.pdf",
        [
            [
                "Southeast Regional Chapter of the American College of Sports Medicine",
                "Certificate of Attendance",
                "",
                "This certifies that Jordan Lee attended the 2025 SEACSM Annual Meeting",
                "Greenville, South Carolina, February 13-15, 2025",
                "",
                "Total ACSM CECs earned: 9.5",
                "Date issued: February 15, 2025",
                "SEACSM is an ACSM regional chapter.",
            ],
            [
                "Sessions attended",
                "Thursday, February 13, 2025",
                "Keynote: Physical Activity and Brain Health 1.0 CEC",
                "Symposium: Heat Illness in Youth Sports 1.5 CECs",
                "Friday, February 14, 2025",
                "Free Communication Session: Clinical Exercise Physiology 2.0 CECs",
                "Tutorial Lecture: Periodization Myths 1.0 CEC",
                "Poster Session (Exhibit Hall B, Room 204) 1.0 CEC",
                "Saturday, February 15, 2025",
                "Symposium: Exercise Oncology Update 1.5 CECs",
                "Closing Lecture: Sport Nutrition for Masters Athletes 1.5 CECs",
            ],
        ],
        draft(
            "2025-02-15",
            "2025 SEACSM Annual Meeting",
            "acsm_approved",
            "Southeast Regional Chapter of the American College of Sports Medicine",
            "9.5",
            "cec",
            None,
        ),
        note="Conference: sessions each with CECs, and the total.",
    ),
    # --- ACE ------------------------------------------------------------------------------------
    Case(
        "ace_functional_training_seniors.pdf",
        [
            [
                "American Council on Exercise",
                "Certificate of Completion",
                "",
                "Jordan Lee",
                "has successfully completed",
                "Functional Training for Seniors",
                "Date of Completion: 2025-03-04",
                "ACE CECs: 0.2",
                "Course Number: 25ACEW101",
            ]
        ],
        draft(
            "2025-03-04", "Functional Training for Seniors", "ace", None, "0.2", "cec", "25ACEW101"
        ),
    ),
    Case(
        "ace_provider_trx.pdf",
        [
            [
                "PowerFit Education",
                "Certificate of Completion",
                "This certifies that Jordan Lee completed",
                "TRX Suspension Training Level 1",
                "on Mar. 4, 2025",
                "This course is approved for 0.7 ACE CECs (7 hours).",
                "ACE Course #: 25PFE001    ACE Provider #: PFE-0099",
                "PowerFit Education is an ACE Approved Provider.",
            ]
        ],
        draft(
            "2025-03-04",
            "TRX Suspension Training Level 1",
            "ace",
            "PowerFit Education",
            "0.7",
            "cec",
            "25PFE001",
        ),
        landscape=True,
    ),
    Case(
        "ace_workshop_with_agenda.pdf",
        [
            [
                "Motion Lab Education",
                "Certificate of Completion",
                "Jordan Lee",
                "for completing Program Design for Weight Management",
                "Completed on 2025-05-17",
                "Approved for 0.6 ACE CECs",
                "ACE Course Number: 25MLE017",
                "Provided by Motion Lab Education, an ACE Approved Provider",
            ],
            [
                "Workshop agenda - Saturday",
                "8:00 - 9:30   Lecture: Energy Balance (Room 204)",
                "9:45 - 12:00  Practical: Circuit Design",
                "12:00 Lunch (1 hour, on your own)",
                "1:00 - 3:00   Case Studies and Exam",
                "Parking: Level 2 of the 5th Street garage",
            ],
        ],
        draft(
            "2025-05-17",
            "Program Design for Weight Management",
            "ace",
            "Motion Lab Education",
            "0.6",
            "cec",
            "25MLE017",
        ),
        note="Page 2 is an agenda: its times, room and lunch hour are no credits.",
    ),
    # --- NASM, AFAA, NETA, NCSF, NSCA, ISSA -------------------------------------------------------
    Case(
        "nasm_corrective_lower_body.pdf",
        [
            [
                "National Academy of Sports Medicine",
                "Certificate of Completion",
                "Jordan Lee",
                "has successfully completed",
                "Corrective Exercise for the Lower Body",
                "Completion Date: 03/14/2025",
                "This course is approved for 0.3 NASM CEUs (3 contact hours).",
                "NASM Course ID: NASM-CE-0418",
            ]
        ],
        draft(
            "2025-03-14",
            "Corrective Exercise for the Lower Body",
            "nasm",
            None,
            "0.3",
            "ceu",
            "NASM-CE-0418",
        ),
    ),
    Case(
        "nasm_order_and_completion_dates.pdf",
        [
            [
                "NASM",
                "Continuing Education Certificate",
                "Jordan Lee",
                "Course: Youth Exercise Specialization Update",
                "Order date: January 10, 2025",
                "Completion date: February 2, 2025",
                "CEUs: 0.1",
                "Certificate Number: NASM-7730215",
            ]
        ],
        draft(
            "2025-02-02",
            "Youth Exercise Specialization Update",
            "nasm",
            None,
            "0.1",
            "ceu",
            "NASM-7730215",
        ),
        landscape=True,
        note="Two dates: only one is the completion date.",
    ),
    Case(
        "afaa_group_exercise_workshop.pdf",
        [
            [
                "Athletics and Fitness Association of America",
                "AFAA",
                "Certificate of Completion",
                "Jordan Lee",
                "for completing Group Exercise: Cueing and Choreography",
                "Date completed: March 8, 2025",
                "This workshop is approved for 4.0 AFAA CEUs.",
                "Location: Room 204, Riverside Community Center",
            ]
        ],
        draft(
            "2025-03-08", "Group Exercise: Cueing and Choreography", "afaa", None, "4", "ceu", None
        ),
    ),
    Case(
        "neta_mat_pilates.pdf",
        [
            [
                "National Exercise Trainers Association",
                "Certificate of Completion",
                "This certifies that Jordan Lee",
                "has completed the NETA workshop",
                "Mat Pilates Instructor Workshop",
                "Date: April 5, 2025",
                "Approved for 8.0 NETA CECs",
                "Equivalents: 0.8 ACE CECs / 0.8 NASM CEUs",
                "NETA, 5955 Golden Valley Rd, Suite 240, Minneapolis, MN 55422 | 800-237-6242",
            ]
        ],
        draft("2025-04-05", "Mat Pilates Instructor Workshop", "neta", None, "8", "cec", None),
        landscape=True,
        note="NETA's own credits, with other bodies' equivalents listed.",
    ),
    Case(
        "ncsf_sports_nutrition.pdf",
        [
            [
                "National Council on Strength and Fitness",
                "NCSF Continuing Education",
                "",
                "Jordan Lee",
                "has successfully completed",
                "Advanced Concepts of Sports Nutrition",
                "Date: 2025-05-19",
                "NCSF CEUs: 1.0",
                "Certificate Number: NCSF-88231",
            ]
        ],
        draft(
            "2025-05-19",
            "Advanced Concepts of Sports Nutrition",
            "ncsf",
            None,
            "1",
            "ceu",
            "NCSF-88231",
        ),
    ),
    Case(
        "nsca_scj_ceu_quiz.pdf",
        [
            [
                "National Strength and Conditioning Association",
                "CEU Quiz Certificate",
                "Jordan Lee",
                "passed the Strength and Conditioning Journal Volume 47 Issue 1 CEU Quiz",
                "Date: February 20, 2025",
                "CEUs earned: 0.2",
                "Category: C",
            ]
        ],
        draft(
            "2025-02-20",
            "Strength and Conditioning Journal Volume 47 Issue 1 CEU Quiz",
            "nsca",
            None,
            "0.2",
            "ceu",
            None,
        ),
        note='"Issue 1 CEU Quiz": the 1 is an issue number, not a credit.',
    ),
    Case(
        "nsca_coaches_clinic.pdf",
        [
            [
                "National Strength and Conditioning Association",
                "NSCA Coaches Clinic",
                "Certificate of Attendance",
                "Jordan Lee",
                "for attending NSCA Coaches Clinic: Speed and Agility for Team Sports",
                "Held 17 January 2025, Colorado Springs, CO",
                "CEUs awarded: 0.5",
                "Note: 0.1 CEU = 1 contact hour",
                "NSCA Event Code: CC25-CO",
            ]
        ],
        draft(
            "2025-01-17",
            "NSCA Coaches Clinic: Speed and Agility for Team Sports",
            "nsca",
            None,
            "0.5",
            "ceu",
            "CC25-CO",
        ),
        landscape=True,
        note="A note says what a CEU is: 0.1 and 1 contact hour are no credits awarded.",
    ),
    Case(
        "issa_nutrition_update.pdf",
        [
            [
                "International Sports Sciences Association",
                "ISSA Continuing Education",
                "Jordan Lee",
                "has completed",
                "Nutrition Coaching: Macronutrient Periodization",
                "Completed: 5/20/2025",
                "CE hours: 10",
                "Certificate ID: ISSA-CE-55102",
            ]
        ],
        draft(
            "2025-05-20",
            "Nutrition Coaching: Macronutrient Periodization",
            "issa",
            None,
            "10",
            "hour",
            "ISSA-CE-55102",
        ),
    ),
    # --- CPR/AED cards: no credit ---------------------------------------------------------------
    Case(
        "redcross_adult_first_aid_cpr.pdf",
        [
            [
                "American Red Cross",
                "Training Services",
                "",
                "This is to certify that Jordan Lee",
                "has successfully completed the requirements for",
                "Adult First Aid/CPR/AED",
                "",
                "Date Completed: 01/15/2025",
                "Valid For: 2 Years",
                "Expiration Date: 01/15/2027",
                "Certificate ID: 019ZQ8K",
                "To verify, visit redcross.org/confirm or call 1-800-733-2767",
            ]
        ],
        draft(
            "2025-01-15",
            "Adult First Aid/CPR/AED",
            "other",
            "American Red Cross",
            None,
            None,
            "019ZQ8K",
        ),
        landscape=True,
    ),
    Case(
        "aha_bls_ecard.pdf",
        [
            [
                "American Heart Association",
                "BLS Provider",
                "",
                "Jordan Lee",
                "has successfully completed the cognitive and skills evaluations in accordance",
                "with the curriculum of the American Heart Association Basic Life Support",
                "(CPR and AED) Program.",
                "",
                "Issue Date: 02/18/2025",
                "Recommended Renewal Date: 02/2027",
                "eCard Code: 245518012345",
                "Training Center Name: Metro Health Training Center",
                "Training Center Phone: (555) 201-3344",
            ]
        ],
        draft(
            "2025-02-18",
            "BLS Provider",
            "other",
            "American Heart Association",
            None,
            None,
            "245518012345",
        ),
        landscape=True,
    ),
    # --- Colleges -------------------------------------------------------------------------------
    Case(
        "university_transcript_exercise_physiology.pdf",
        [
            [
                "UNIVERSITY OF NORTHERN COLORADO",
                "Office of the Registrar - Unofficial Transcript",
                "Student: Jordan Lee    Student ID: 800123456",
                "",
                "Spring Semester 2025: January 13, 2025 - May 9, 2025",
                "Course     Title                      Credits   Grade",
                "KINE 350   Exercise Physiology        3.00      A",
                "Semester credit hours earned: 3.00",
                "",
                "Date printed: June 2, 2025",
            ]
        ],
        draft(
            "2025-05-09",
            "Exercise Physiology",
            "other",
            "University of Northern Colorado",
            "3",
            "college_credit_hour",
            None,
        ),
        note="The course ended with the term (May 9); the transcript was printed later.",
    ),
    Case(
        "community_college_quarter_credits.pdf",
        [
            [
                "Lane Community College",
                "Grade Report - Winter Term 2025",
                "Student: Jordan Lee",
                "HE 252  First Aid and Safety  Grade: A",
                "Credits: 3 quarter credit hours",
                "Term ended: March 21, 2025",
                "4000 E. 30th Ave., Eugene, OR 97405 | 541-463-3000",
            ]
        ],
        draft(
            "2025-03-21",
            "First Aid and Safety",
            "other",
            "Lane Community College",
            "3",
            "college_quarter_credit_hour",
            None,
        ),
    ),
    # --- Organizations the rules do not list ----------------------------------------------------
    Case(
        "webinar_platform_motivational_interviewing.pdf",
        [
            [
                "CE Webinar Hub",
                "Certificate of Attendance",
                "This certifies that Jordan Lee attended the webinar",
                "Webinar: Motivational Interviewing for Fitness Professionals",
                "Presented by Wellness Coaching Institute",
                "Date: 2025-02-11",
                "1.5 contact hours",
                "Support: help@cewebinarhub.com | 1-800-555-0142",
            ]
        ],
        draft(
            "2025-02-11",
            "Motivational Interviewing for Fitness Professionals",
            "other",
            "Wellness Coaching Institute",
            "1.5",
            "contact_hour",
            None,
        ),
    ),
    Case(
        "aquatic_workshop_ambiguous_date.pdf",
        [
            [
                "Coastal Aquatic Fitness",
                "Certificate of Participation",
                "Jordan Lee",
                "for participating in Deep Water Running for Rehabilitation",
                "Date: 03/04/2025",
                "3 contact hours",
                "Provided by: Coastal Aquatic Fitness",
                "Location: Room 204, Harbor Community Center",
            ]
        ],
        draft(
            None,
            "Deep Water Running for Rehabilitation",
            "other",
            "Coastal Aquatic Fitness",
            "3",
            "contact_hour",
            None,
        ),
        note="03/04/2025 could be March 4 or April 3.",
    ),
    Case(
        "european_course_day_first.pdf",
        [
            [
                "Institut Européen de Formation Fitness",
                "Attestation of Completion",
                "",
                "Jordan Lee",
                "has successfully completed",
                "Periodisation for Endurance Athletes",
                "Date: 14/03/2025",
                "6 contact hours",
                "Issued by: Institut Européen de Formation Fitness, Lyon",
            ]
        ],
        draft(
            "2025-03-14",
            "Periodisation for Endurance Athletes",
            "other",
            "Institut Européen de Formation Fitness",
            "6",
            "contact_hour",
            None,
        ),
        landscape=True,
        note="14/03/2025 can only be day first.",
    ),
    Case(
        "free_webinar_no_credit.pdf",
        [
            [
                "Active Aging Network",
                "Certificate of Participation",
                "Jordan Lee",
                "for attending Balance and Fall Prevention in Older Adults",
                "Hosted by Active Aging Network on May 6, 2025",
                "This webinar is not approved for continuing education credit.",
                "Questions? Our support team is available 24 hours a day at 1-888-555-0110.",
            ]
        ],
        draft(
            "2025-05-06",
            "Balance and Fall Prevention in Older Adults",
            "other",
            "Active Aging Network",
            None,
            None,
            None,
        ),
        note='No credit: "24 hours a day" is the help desk, not the course.',
    ),
    Case(
        "yoga_studio_no_title.pdf",
        [
            [
                "Sunrise Yoga Studio",
                "Certificate of Attendance",
                "",
                "Jordan Lee",
                "attended 2 hours of continuing education",
                "Date: June 14, 2025",
                "Presented by Sunrise Yoga Studio",
                "Studio: 88 Main Street, Room 3, Boulder, CO 80302",
            ]
        ],
        draft("2025-06-14", None, "other", "Sunrise Yoga Studio", "2", "hour", None),
        note="No course is named.",
    ),
    Case(
        "sports_medicine_cme.pdf",
        [
            [
                "American Medical Society for Sports Medicine",
                "Certificate of Participation",
                "Jordan Lee",
                "has participated in the live activity",
                "Concussion Management in Youth Sports",
                "Date of activity: 2024-10-26",
                "and is awarded 2.25 AMA PRA Category 1 Credits.",
                "Sponsored by the American Medical Society for Sports Medicine",
            ]
        ],
        draft(
            "2024-10-26",
            "Concussion Management in Youth Sports",
            "ama",
            "American Medical Society for Sports Medicine",
            "2.25",
            "cme",
            None,
        ),
        note="AMA PRA credits from a society the rules do not list: provider ama.",
    ),
    Case(
        "strength_clinic_multipage_landscape.pdf",
        [
            [
                "Iron Valley Strength Clinic",
                "Certificate of Completion",
                "",
                "Jordan Lee",
                "for completing Olympic Lifting for Coaches",
                "",
                "Completion date: Aug. 23, 2025",
            ],
            [
                "Continuing education",
                "Iron Valley Strength Clinic is an ACSM Approved Provider.",
                "This program is approved for 7 ACSM CECs.",
                "Approval Number: IVSC-2508",
                "Iron Valley Strength Clinic, 1450 Foundry Rd, Room 204, Pittsburgh, PA 15222",
            ],
        ],
        draft(
            "2025-08-23",
            "Olympic Lifting for Coaches",
            "acsm_approved",
            "Iron Valley Strength Clinic",
            "7",
            "cec",
            "IVSC-2508",
        ),
        landscape=True,
        note="The credits are on page 2.",
    ),
    Case(
        "running_coach_year_and_phone.pdf",
        [
            [
                "Road Runners Coaching Academy",
                "Established 2005",
                "Certificate of Completion",
                "Jordan Lee",
                "has successfully completed",
                "Running Coach Level 1",
                "Date completed: October 4, 2025",
                "Contact hours: 12",
                "Course Number: RRCA-L1-1025",
                "Provided by Road Runners Coaching Academy | 703-555-0123",
            ]
        ],
        draft(
            "2025-10-04",
            "Running Coach Level 1",
            "other",
            "Road Runners Coaching Academy",
            "12",
            "contact_hour",
            "RRCA-L1-1025",
        ),
        note='"Level 1", the founding year and the phone number are no credits.',
    ),
    Case(
        "march_4th_ordinal_date.pdf",
        [
            [
                "Mindful Movement Institute",
                "Certificate of Completion",
                "Jordan Lee",
                "for completing Breathwork for Recovery",
                "Completed on March 4th, 2025",
                "Presented by Mindful Movement Institute",
                "Approved for 1.5 contact hours",
            ]
        ],
        draft(
            "2025-03-04",
            "Breathwork for Recovery",
            "other",
            "Mindful Movement Institute",
            "1.5",
            "contact_hour",
            None,
        ),
    ),
    Case(
        "cooper_institute_two_pages.pdf",
        [
            [
                "The Cooper Institute",
                "Certificate of Completion",
                "",
                "Jordan Lee",
                "has successfully completed",
                "Physical Fitness Specialist Course",
            ],
            [
                "Course dates: June 2 - June 5, 2025",
                "Completion date: June 5, 2025",
                "Contact Hours: 30",
                "Course ID: PFS-0625-DAL",
                "12330 Preston Road, Dallas, TX 75230",
            ],
        ],
        draft(
            "2025-06-05",
            "Physical Fitness Specialist Course",
            "cooper",
            None,
            "30",
            "contact_hour",
            "PFS-0625-DAL",
        ),
    ),
    Case(
        "ace_provider_phone_no_number.pdf",
        [
            [
                "Kinetic Health Education",
                "Certificate of Completion",
                "Jordan Lee",
                "has completed the online course",
                "Title: Exercise and Type 2 Diabetes",
                "Completed: 2025-07-08",
                "0.3 ACE CECs",
                "Kinetic Health Education is an ACE Approved Provider.",
                "Phone 888-555-0175, Monday to Friday",
            ]
        ],
        draft(
            "2025-07-08",
            "Exercise and Type 2 Diabetes",
            "ace",
            "Kinetic Health Education",
            "0.3",
            "cec",
            None,
        ),
        note='"Type 2 Diabetes": a 2 in the title.',
    ),
]

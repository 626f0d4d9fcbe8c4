"""The generator's own words: how practitioners in the invented borough write their chronology entries.

Written for the generator, not taken from the checker: the kinds' patterns are never read here. Each agency
type has everyday entries (`ROUTINE`) that carry no housing, meeting or pregnancy content, so a planted
pattern is the only thing in a case that bears on the rules the ground truth speaks for. Slots in braces are
filled per entry: `{child}`, `{parent}`, `{parent_role}`, `{n}`, `{day}`, `{when}`, `{place}`, `{worker}`,
`{amount}`, `{time}`.
"""

from __future__ import annotations

__all__ = [
    "AGENCIES", "CHILD_NAMES", "ADULT_NAMES", "ROUTINE", "OUTCOMES", "IMPACTS", "PLACES", "WORKERS",
    "BAILIFF", "BAILIFF_REHOUSED", "ARREARS", "MEETING", "MEETING_KINDS", "ATTENDEES", "HOUSING_ATTENDEE",
    "HV_ANTENATAL", "HV_ATTEMPT", "RISK_DA", "PREGNANCY_NOTE",
]

# id, name, type, aliases — an invented borough.
AGENCIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("csc", "Westmarch Children's Services — Social Care", "childrens_social_care",
     ("SW", "social worker", "CSC", "TM", "duty SW", "IRO")),
    ("mash", "Westmarch Multi-Agency Safeguarding Hub", "mash", ("MASH", "front door")),
    ("early-help", "Westmarch Family Support and Early Help", "early_help",
     ("EH", "EH worker", "FSW", "family support worker", "key worker")),
    ("police", "Westmarch Constabulary", "police", ("police", "PC", "PCSO", "officers")),
    ("hv", "Westmarch Community Health — health visiting", "health_visiting",
     ("HV", "health visitor", "school nurse", "nursery nurse")),
    ("midwifery", "Westmarch Community Midwives", "midwifery", ("midwife", "CMW", "community midwife")),
    ("gp", "Fernhill Surgery", "gp", ("GP", "Fernhill", "surgery", "practice nurse")),
    ("hospital", "Westmarch Royal Infirmary", "hospital", ("WRI", "ED", "paediatrics", "children's ward")),
    ("housing", "Westmarch Council Housing Solutions", "housing",
     ("Housing", "housing officer", "Housing Solutions", "HSO", "tenancy officer")),
    ("oakwood", "Oakwood Primary School", "education", ("Oakwood", "school", "DSL", "class teacher")),
    ("millbrook", "Millbrook High School", "education", ("Millbrook", "head of year", "pastoral lead")),
    ("cmht", "Westmarch Adult Mental Health Service", "mental_health", ("CMHT", "mental health", "CPN")),
)

CHILD_NAMES = (
    "Ava", "Noah", "Isla", "Leo", "Freya", "Oscar", "Ivy", "Arlo", "Poppy", "Theo", "Ruby", "Finn", "Esme",
    "Jude", "Maisie", "Reggie", "Nell", "Ezra", "Tilly", "Rory", "Lottie", "Alfie", "Mabel", "Cody", "Skye",
    "Kian", "Lacey", "Tyler", "Demi", "Jayden", "Keira", "Mason", "Summer", "Kai", "Willow", "Harley",
)
ADULT_NAMES = {
    "mother": ("Stacey", "Gemma", "Kerry", "Shannon", "Leanne", "Chloe", "Danielle", "Jodie", "Amber", "Tasha"),
    "father": ("Wayne", "Darren", "Jamie", "Ryan", "Craig", "Liam", "Shane", "Ashley", "Dale", "Kyle"),
    "partner": ("Marcus", "Jordan", "Lewis", "Connor", "Reece"),
    "maternal grandmother": ("Pauline", "Sandra", "Janet", "Brenda"),
}

PLACES = ("the family home", "Oakwood", "the surgery", "the children's centre", "the library", "nan's house",
          "the contact centre", "the park near home", "Millbrook", "the office")
WORKERS = ("SW", "duty SW", "TM", "EH worker", "FSW", "HV", "school nurse", "PC", "DSL", "GP", "CPN",
           "class teacher", "practice nurse", "admin", "key worker", "HSO")

# Everyday entries per agency type. None of them speaks of housing, meetings, pregnancy or attendance.
ROUTINE: dict[str, tuple[str, ...]] = {
    "childrens_social_care": (
        "Home visit. {child} seen in bedroom, happy to show me Lego models. {parent_role} engaged well.",
        "Unannounced HV to home - no reply at {time}. Card left, will try again w/c {when}.",
        "Tel call to {parent_role} re {child}'s school attendance; agreed to speak with school.",
        "Saw {child} alone at {place}. Said things at home were 'ok' and {child} likes football club.",
        "Supervision with TM: case discussed, plan reviewed, actions agreed for next {n} wks.",
        "Letter sent to {parent_role} confirming visit on {when}.",
        "Direct work with {child} using three houses tool at {place}.",
        "Case note: {parent_role} rang, upset about contact arrangements; advice given, call back tomorrow.",
        "Chased GP for info re {parent_role}'s health; email sent {when}.",
        "{child} seen at {place} with {parent_role}; warm interaction observed, {child} sat on lap.",
        "Visit to {place}. Spoke with {parent_role} about routines, bedtimes and screen time.",
        "Single assessment updated with school's info. {n} actions outstanding.",
        "Duty: message from {parent_role} asking for call back re uniform grant. Passed to allocated SW.",
        "TM management oversight recorded: continue with plan, review in {n} weeks.",
        "Home visit {time}. House clean and tidy, food in fridge. {child} playing in garden.",
    ),
    "mash": (
        "Contact rec'd from {worker} re {child} - {parent_role} worried about behaviour. RAG: green.",
        "Police notification (PPN) shared with MASH; {child} not present at the incident.",
        "Info request sent to health and education partners; {n} responses rec'd by {time}.",
        "MASH decision: advice and signposting to universal services. Feedback to referrer.",
        "Consent discussed with {parent_role} by phone at {time}; consent given for checks.",
    ),
    "early_help": (
        "EH home visit. Worked on routines chart with {parent_role}; {child} helped colour it in.",
        "FSW supported {parent_role} to complete DLA form for {child}.",
        "Tel call with {parent_role} - {child} has settled better at school this week.",
        "Parenting group session {n} of 8 attended by {parent_role}.",
        "Drop-in at {place}: {parent_role} collected food bank voucher, chatted about {child}'s sleep.",
        "Outcome star reviewed with {parent_role}; scores up in {n} of 8 areas.",
        "Key worker took {child} to the dentist at {time}, {parent_role} unable to attend.",
        "EH worker DNA'd by family, no answer at {time}. Text sent.",
    ),
    "police": (
        "Call from neighbour re raised voices at {time}. Attended, all calm on arrival, no offences. Words of advice.",
        "PCSO community patrol - spoke to {parent_role} outside {place}, no concerns raised.",
        "{child} reported missing at {time}, located {n} hours later at a friend's, safe and well. Return interview offered.",
        "Crime report: theft of bike from outside {place}. {child} witness only.",
        "ASB report by neighbour about noise at {time}. Advice given to {parent_role}.",
        "Vehicle stop of {parent_role}; no further action.",
    ),
    "health_visiting": (
        "{child} {n}-{n2} year development review at clinic, growing well, speech a little behind; referred to SALT.",
        "Immunisations for {child} given at clinic. No reactions.",
        "Tel contact with {parent_role} re {child}'s eczema; advised to see GP.",
        "Weighing clinic: {child} weight on 50th centile.",
        "School nurse drop-in: {child} talked about friendships and sleep. Advice leaflet given.",
        "HV home visit for {child}'s review; sleep and feeding discussed, {parent_role} coping well.",
        "Letter to {parent_role} with a new clinic appointment for {when}.",
    ),
    "midwifery": (
        "Records transferred in from another trust; letter sent.",
        "Tel call to {parent_role} - no answer, voicemail left at {time}.",
    ),
    "gp": (
        "{child} seen with viral URTI. Safety-netting advice.",
        "{parent_role} seen re back pain, fit note issued for {n} weeks.",
        "{child} seen for asthma review, inhaler technique checked.",
        "{parent_role} medication review - sertraline continued, review in {n} weeks.",
        "{child} WNB for booked appt at {time}. Letter sent to {parent_role}.",
        "Practice nurse: {child} weight and height recorded, BMI normal.",
        "{parent_role} tel consultation re low mood; talking therapies self-referral info given.",
    ),
    "hospital": (
        "ED attendance: {child} fell off trampoline, wrist sprain. Consistent history, discharged.",
        "{child} seen in paediatric clinic re constipation; review {n} months.",
        "ED: {child} with high temperature, observed {n} hours, discharged home with {parent_role}.",
        "Outpatient letter copied to GP: {child} ENT review, grommets discussed.",
    ),
    "housing": (
        "Repair request logged by {parent_role}: broken boiler, engineer booked for {when}.",
        "Tenancy visit completed, property in reasonable condition.",
        "Tel call from {parent_role} re transfer list position; advised to keep bidding.",
        "Letter re gas safety check sent; access arranged for {when}.",
        "Neighbour complaint about bins logged; advice letter sent to {parent_role}.",
    ),
    "education": (
        "Attendance this half term {pct}%. Letter home to {parent_role}.",
        "{child} upset at morning drop-off, settled with TA within {n} minutes.",
        "DSL spoke with {parent_role} at pick-up re {child}'s uniform and PE kit.",
        "{child} late {n} times this month. Attendance officer to call {parent_role}.",
        "Parents' evening: {parent_role} attended, {child} making expected progress in reading.",
        "{child} disclosed being hungry this morning; breakfast club place offered.",
        "Class teacher notes {child} tired, head on desk; DSL informed, will monitor.",
        "Pastoral check-in with {child}: said mum and dad argue 'sometimes', likes art club.",
        "Reward assembly - {child} got star of the week.",
    ),
    "mental_health": (
        "CPN visit to {parent_role}: mood stable, engaging with meds.",
        "{parent_role} DNA outpatient appt at {time}. Letter sent with new date {when}.",
        "Tel review with {parent_role}; reports sleeping better, no thoughts of self-harm.",
        "Discharge summary to GP: {parent_role} discharged to primary care.",
    ),
}

OUTCOMES = ("", "", "", "NFA", "Monitor", "Review next visit", "Letter sent", "Chase w/c {when}", "f/u {n}/52",
            "Info shared with SW", "Advice given", "Noted on file", "Rebook appt")
IMPACTS = ("", "", "", "", "Low level concern", "Positive - child settled", "Emotional wellbeing",
           "Needs met today", "Impact unclear", "Missed health care")

# --- planted patterns: each template names its slots; dates are filled by the generator ------------------

# A documented bailiff / eviction appointment: imminent when the date is within 14 days.
BAILIFF = (
    "Warrant for possession issued by county court. Bailiffs' eviction booked for {date}.",
    "N54 notice of eviction rec'd - county court bailiffs attending {date} at {time}.",
    "{parent_role} brought in the bailiff's letter: eviction appointment {date}. Copy on file.",
    "Landlord's solicitor confirmed eviction by bailiffs on {date} (warrant executed).",
    "Notice of eviction from the county court: date of eviction {date}. Family has nowhere arranged.",
)
# The eviction happened and the family was rehoused: not imminent.
BAILIFF_REHOUSED = (
    "Family evicted by bailiffs this morning. Placed in temporary accommodation at {place_ta} the same day.",
    "Eviction went ahead today. Household accepted into temporary accommodation ({place_ta}); keys collected.",
    "Bailiffs attended today; {parent_role} and children moved into emergency accommodation at {place_ta} tonight.",
)
TA_PLACES = ("Elm Court", "Riverside House", "Kestrel Lodge", "Sandpiper Close flat 4", "Beacon House")

# Housing concern without an eviction date.
ARREARS = (
    "Rent arrears now £{amount}. Tenancy at risk; {parent_role} agreed a payment plan of £{n}0 a week.",
    "Arrears letter sent: £{amount} owing after UC change. Tenancy sustainment offered.",
    "{parent_role} rang worried about rent arrears of £{amount}; landlord threatening to end the tenancy.",
    "Overcrowding: {n} people in a 2-bed flat, damp in the children's room. Added to housing register.",
)

# A multi-agency plan meeting with its attendance written down.
MEETING_KINDS = ("Core group", "Core group meeting", "CIN review meeting", "Child in need meeting", "TAF meeting")
MEETING = (
    "{meeting} held at {place}. Present: {attendees}. Plan reviewed, actions updated.",
    "{meeting}. Attendees: {attendees}. Progress noted on the plan.",
    "{meeting} today - in attendance {attendees}. Next meeting in 6 weeks.",
)
ATTENDEES = ("SW", "HV", "DSL", "class teacher", "EH worker", "GP", "school nurse", "FSW")
HOUSING_ATTENDEE = ("housing officer", "Housing Solutions (HSO)", "tenancy officer")

# Ante-natal health visiting.
HV_ANTENATAL = (
    "Antenatal contact by HV at home at {weeks} weeks. Safe sleep, feeding and bonding discussed with {parent_role}.",
    "HV ante-natal visit completed ({weeks}/40). Birth plans talked through; cot seen.",
    "Targeted antenatal home visit by health visitor, {weeks} weeks pregnant. Perinatal mood screen done.",
)
HV_ATTEMPT = (
    "Antenatal visit attempted by HV - no answer, card left.",
    "HV antenatal contact cancelled by {parent_role} by text. To rebook.",
    "Antenatal HV visit - no access at {time}, curtains closed. Letter with new date sent.",
)
PREGNANCY_NOTE = (
    "Notification of pregnancy rec'd from midwifery. EDD {edd}.",
    "Booking appt completed, EDD {edd}. {parent_role} says this pregnancy was unplanned.",
)
RISK_DA = (
    "Domestic abuse incident: {partner_role} assaulted {parent_role} at the home address. DASH medium risk. Arrested.",
    "DA call-out at {time} - {parent_role} reports being pushed and threatened by {partner_role}. DASH high, referred to MARAC.",
    "Domestic incident reported by neighbour; {partner_role} shouting and smashing plates, {parent_role} with bruising to arm.",
)

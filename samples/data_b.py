"""Bundle B (samples/good-practice): three homelessness cases where practice was mostly good.

None of bundle A's problems should be found here: contingency plans recorded, HV antenatal contact at 28+5
weeks, Housing at every CIN/TAF meeting (attendees listed), referrals answered with feedback within a day,
supervision every 4 weeks or so, fathers checked and seen, children's views recorded at each visit, families
rehoused before any eviction, a missed appointment followed up and escalated, returns on time and evidenced.
"""

from __future__ import annotations

from data_agencies import agencies

HEAD = ["Case", "Date", "Source", "Event", "Impact", "Action"]

CSC = [
    # case-1: pregnant mother and partner, TA, pre-birth plan
    ("case-1", "07/09/2018", "TM",
     "Management decision: allocated for pre-birth single assessment (referral from community midwife 05/09/2018). 45 wd timescale.",
     "Unborn in a homeless household", "SW to visit within 5 wd"),
    ("case-1", "13/09/2018", "SW",
     "Home visit at temporary flat. Amy and Ryan seen together and separately. Ryan talked about his own "
     "childhood and his hopes as a dad. Flat clean, warm; space for a cot.",
     "Both parents engaged", "Checks on Ryan requested"),
    ("case-1", "20/09/2018", "SW",
     "Checks on Ryan completed: police (PNC and local intelligence) no trace; CSC history none; GP no concerns.",
     "No known risk from father", "Recorded in assessment"),
    ("case-1", "04/10/2018", "TM",
     "Supervision: assessment on track; both parents seen; checks on Ryan complete.", "", ""),
    ("case-1", "24/10/2018", "TM",
     "Pre-birth single assessment completed and authorised (35 wd). Supervision: pre-birth plan agreed, "
     "visits every 4 weeks.", "", "CIN meeting booked"),
    ("case-1", "07/11/2018", "SW",
     "Pre-birth CIN meeting. Present: SW, HV, community midwife, Housing officer, Amy, Ryan. Plan agreed. "
     "Contingency plan: if the temporary flat ends before the birth, Housing to offer another self-contained "
     "flat in the borough (no B&B); if baby comes early, midwife to tell SW and HV the same day; if the couple "
     "separate, Amy to stay in the flat and Ryan's contact to be agreed.", "", "Plan and contingency circulated"),
    ("case-1", "21/11/2018", "TM", "Supervision: plan on track, contingency reviewed.", "", ""),
    ("case-1", "12/12/2018", "SW",
     "Home visit. Amy says baby 'kicks all night'; Ryan has built the cot. Both attended parenting class.",
     "Baby's needs being planned for", ""),
    ("case-1", "19/12/2018", "TM", "Supervision: progress good; no change to plan.", "", ""),
    ("case-1", "16/01/2019", "SW",
     "CIN meeting. Present: SW, HV, community midwife, Housing officer, Amy, Ryan. Contingency plan reviewed "
     "and still valid. Housing: permanent offer expected.", "", ""),
    ("case-1", "17/01/2019", "TM", "Supervision: CIN meeting outcomes reviewed; contingency still valid.", "", ""),
    ("case-1", "13/02/2019", "TM", "Supervision: permanent tenancy offer accepted; plan continues.", "", ""),
    ("case-1", "06/03/2019", "SW",
     "CIN meeting. Present: SW, HV, community midwife, Housing officer, Amy, Ryan. Tenancy signed 04/03/2019; "
     "safe sleep check done by HV. Contingency plan updated for the move.", "", ""),
    ("case-1", "07/03/2019", "TM", "Supervision: plan to continue to 6 weeks after birth, then review.", "", ""),
    # case-3: CIN plan, overcrowding and damp, missed appointment escalated
    ("case-3", "03/10/2018", "MASH",
     "Referral from HV (with consent): Freddie (2) and Evie (10 months) in damp 1-bed flat, Freddie speech delay. "
     "Decision: single assessment. Outcome phoned and emailed to HV same day.", "", "Allocated"),
    ("case-3", "04/10/2018", "TM", "Supervision: allocation, assessment plan agreed.", "", ""),
    ("case-3", "09/10/2018", "SW",
     "Home visit. Gemma and Paul seen; Paul spoke about his worries about the damp and money. Freddie said "
     "'my room cold' and showed me the mould; Evie observed - smiling, well cared for.", "Damp affecting children",
     "GP letter for housing"),
    ("case-3", "11/10/2018", "SW",
     "Checks on Paul completed: police and CSC history - no concerns.", "", "Recorded"),
    ("case-3", "15/10/2018", "TM",
     "Management decision: assessment completed and authorised (9 wd); Gemma's and Paul's histories and "
     "parenting assessed. CIN plan agreed: housing, speech therapy, health appointments.",
     "", "CIN meeting"),
    ("case-3", "25/10/2018", "SW",
     "CIN meeting. Present: SW, HV, Housing officer, GP (report), Gemma, Paul. Contingency: if the transfer "
     "takes longer than 3 months, Housing to arrange a temporary move to a dry 2-bed flat; if appointments are "
     "missed, HV to tell SW the same day.", "", "Plan circulated"),
    ("case-3", "30/10/2018", "SW",
     "HV told me Freddie was not brought to community paediatrics today. Rang Gemma - bus fare problem; "
     "appointment rebooked for 06/11 and transport arranged.", "", "Escalation received and acted on"),
    ("case-3", "01/11/2018", "SW",
     "Home visit. Freddie said the new heater is 'nice and hot'; Evie observed - smiling. Gemma seen.", "", ""),
    ("case-3", "08/11/2018", "TM", "Supervision: missed appointment followed up; plan on track.", "", ""),
    ("case-3", "22/11/2018", "SW",
     "Home visit. Freddie: 'I saw the doctor and the train'. Evie crawling. Paul and Gemma seen.", "", ""),
    ("case-3", "06/12/2018", "TM", "Supervision: housing transfer priority confirmed.", "", ""),
    ("case-3", "18/12/2018", "SW",
     "Home visit. Freddie said he wants a bedroom 'with no black on the wall'; Evie observed - well, crawling. "
     "Paul and Gemma seen.", "", ""),
    ("case-3", "13/12/2018", "SW",
     "CIN meeting. Present: SW, HV, Housing officer, Gemma, Paul. Transfer offer expected in January.", "", ""),
    ("case-3", "03/01/2019", "TM", "Supervision: plan on track.", "", ""),
    ("case-3", "10/01/2019", "SW",
     "Home visit. Freddie said Father Christmas came 'to the cold house'; Evie observed - happy, babbling. "
     "Gemma and Paul seen; move date confirmed.", "", ""),
    ("case-3", "21/01/2019", "SW",
     "Home visit. Family moved to 3-bed house (management transfer). Freddie showed me his new bedroom and said "
     "'it's warm'.",
     "Dry, safe home", ""),
    ("case-3", "31/01/2019", "TM", "Supervision: review CIN at next meeting.", "", ""),
    ("case-3", "04/02/2019", "SW",
     "Home visit. Freddie said he likes his new nursery; Evie observed - walking with support. Gemma and Paul "
     "seen.", "", ""),
    ("case-3", "25/02/2019", "SW",
     "Home visit. Freddie told me about his birthday party; Evie observed - content. Closure discussed with "
     "Gemma and Paul.", "", ""),
    ("case-3", "07/02/2019", "SW",
     "CIN meeting. Present: SW, HV, Housing officer, Gemma, Paul. All outcomes met; agreed to close CIN plan "
     "and step down to HV.", "", "Closure"),
    ("case-3", "28/02/2019", "TM", "Supervision: closure authorised.", "", "Closed 01/03/2019"),
]

MASH = [
    ("case-1", "05/09/2018", "MASH SW",
     "Contact from community midwife: Amy 9 wks pregnant, homeless (sofa at friend's), partner Ryan.",
     "", "RAG amber"),
    ("case-1", "06/09/2018", "MASH SW",
     "Decision: pre-birth single assessment. Outcome emailed to community midwife same day. Checks on Ryan "
     "requested from police.", "", "To Assessment Team"),
    ("case-3", "02/10/2018", "MASH admin", "Referral from HV (consent given).", "", "To MASH SW"),
    ("case-3", "03/10/2018", "MASH SW", "Decision: single assessment. Outcome to HV same day.", "",
     "Feedback sent"),
]

POLICE = [
    ("case-1", "07/09/2018", "MASH police",
     "Checks on Ryan and Amy for MASH: PNC and local intelligence - no trace. Result to MASH same day.", "No known risk",
     "Result sent"),
    ("case-3", "10/10/2018", "MASH police", "Checks on Paul for SW: no trace.", "No known risk", "Result sent"),
]

HV = [
    ("case-1", "10/10/2018", "HV", "Pregnancy notification - Amy, EDD 10/04/2019, temporary flat.", "",
     "Allocated; antenatal contact planned for 28 wks"),
    ("case-1", "07/11/2018", "HV", "CIN meeting attended.", "", ""),
    ("case-1", "16/01/2019", "HV", "CIN meeting attended.", "", ""),
    ("case-1", "21/01/2019", "HV",
     "Antenatal contact at home (28+5 wks). Amy and Ryan seen. Safe sleep, feeding, perinatal mental health "
     "discussed; cot in place.", "Parents prepared", "New birth visit to be booked"),
    ("case-1", "06/03/2019", "HV", "CIN meeting attended. Safe sleep check in new tenancy done 05/03/2019.", "", ""),
    ("case-3", "02/10/2018", "HV",
     "Home visit. Damp and mould in 1-bed flat, Freddie (2) speech delay, Evie (10m) chesty. Discussed with "
     "parents; referral to MASH with consent.", "Housing affecting health", "Referral"),
    ("case-3", "03/10/2018", "HV", "Feedback from MASH: single assessment. Parents told.", "", ""),
    ("case-3", "30/10/2018", "HV",
     "Freddie was not brought to community paediatrics. Phoned Gemma same day; told SW and escalated to "
     "safeguarding lead under WNB policy.", "", "Rebooked 06/11/2018"),
    ("case-3", "06/11/2018", "HV", "Freddie attended community paediatrics with Paul.", "", ""),
    ("case-3", "18/02/2019", "HV", "Evie development review at new home - thriving. Freddie chatting more.", "", ""),
]

MIDWIFERY = [
    ("case-1", "05/09/2018", "CMW",
     "Booking at 9 wks. Amy disclosed she and Ryan are homeless - sleeping on a friend's sofa. With consent: "
     "duty to refer to Housing Options and referral to MASH.", "Unborn in a homeless household", "Referrals sent"),
    ("case-1", "06/09/2018", "CMW", "Feedback from MASH and Housing same day.", "", ""),
    ("case-1", "07/11/2018", "CMW", "CIN meeting attended.", "", ""),
    ("case-1", "16/01/2019", "CMW", "CIN meeting attended.", "", ""),
    ("case-1", "06/03/2019", "CMW", "CIN meeting attended. Birth plan shared with SW and HV.", "", ""),
]

HOUSING = [
    ("case-1", "06/09/2018", "Housing Options officer",
     "Duty to refer from community midwife. Amy and Ryan seen same day - homelessness application, relief duty "
     "accepted. Acknowledgement sent to midwife.", "", "TA sought"),
    ("case-1", "11/09/2018", "Housing Options officer",
     "Placed in self-contained temporary flat (Harbour Court) - suitable for a baby.", "Stable home for pregnancy",
     ""),
    ("case-1", "07/11/2018", "Housing Options officer", "CIN meeting attended.", "", ""),
    ("case-1", "16/01/2019", "Housing Options officer", "CIN meeting attended.", "", ""),
    ("case-1", "04/03/2019", "Housing Options officer", "Housing association tenancy signed. Moved in.", "", ""),
    ("case-2", "12/09/2018", "Housing Options officer",
     "Sophie and Tom came in with s21 notice expiring 12/11/2018. Homelessness application, prevention duty "
     "accepted.", "Children may lose their home", "PHP; told EH worker"),
    ("case-2", "02/10/2018", "Housing Options officer", "TAF attended.", "", ""),
    ("case-2", "06/11/2018", "Housing Options officer", "TAF attended. Housing association offer made.", "", ""),
    ("case-2", "20/11/2018", "Housing Options officer", "Offer of 3-bed housing association house accepted.", "", ""),
    ("case-2", "03/12/2018", "Housing Options officer", "Family moved into new tenancy. Prevention duty ended.",
     "Settled home", "Closed"),
    ("case-3", "10/10/2018", "Housing officer",
     "SW rang about damp and overcrowding. Inspection booked; priority for transfer.", "", "Inspection"),
    ("case-3", "25/10/2018", "Housing officer", "CIN meeting attended.", "", ""),
    ("case-3", "13/12/2018", "Housing officer", "CIN meeting attended.", "", ""),
    ("case-3", "14/01/2019", "Housing officer", "Management transfer to 3-bed house accepted.", "", ""),
    ("case-3", "21/01/2019", "Housing officer", "Family moved.", "", ""),
    ("case-3", "07/02/2019", "Housing officer", "CIN meeting attended.", "", ""),
]

EARLY_HELP = [
    ("case-2", "13/09/2018", "EH worker", "Referral from Brookfield (with consent) allocated same day; school told.",
     "", "Visit booked"),
    ("case-2", "18/09/2018", "EH worker",
     "EHA home visit. Sophie and Tom seen. Lily (8): 'I don't want to change school'. Oscar (5) drew his "
     "bedroom.", "", "EHA"),
    ("case-2", "25/09/2018", "EH worker",
     "With consent, checks with police and CSC on Tom - no concerns; Tom's history and parenting explored in "
     "the EHA.", "", "Recorded in EHA"),
    ("case-2", "02/10/2018", "EH worker",
     "TAF. Present: EH worker, Housing officer, Brookfield DSL, Sophie, Tom. Plan agreed. Contingency: if the "
     "home is lost before an offer, Housing to provide self-contained TA in the borough so children stay at "
     "Brookfield; school transport if needed.", "", "Plan circulated"),
    ("case-2", "16/10/2018", "EH manager", "Supervision: plan on track.", "", ""),
    ("case-2", "06/11/2018", "EH worker",
     "TAF review. Present: EH worker, Housing officer, Brookfield DSL, Sophie, Tom. Offer made. Lily: 'I can "
     "still walk to school!'", "", ""),
    ("case-2", "13/11/2018", "EH manager", "Supervision: move planned.", "", ""),
    ("case-2", "05/12/2018", "EH worker",
     "Home visit at the new house. Lily said she loves her new room; Oscar said he can see the park.", "", ""),
    ("case-2", "11/12/2018", "EH manager", "Supervision: family moved 03/12/2018.", "", ""),
    ("case-2", "08/01/2019", "EH manager", "Supervision: TAF review booked; family settled.", "", ""),
    ("case-2", "15/01/2019", "EH worker",
     "TAF review. Present: EH worker, Housing officer, Brookfield DSL, Sophie, Tom. Oscar: 'my bedroom is "
     "blue'. Outcomes met.", "", "Close next month"),
    ("case-2", "05/02/2019", "EH manager", "Supervision: outcomes met; closure agreed.", "", ""),
    ("case-2", "20/02/2019", "EH worker", "EH closed with family's agreement; children's views in closing summary.",
     "", "Closed"),
]

BROOKFIELD = [
    ("case-2", "11/09/2018", "DSL",
     "Lily told teacher 'we've got to move out'. DSL spoke to parents; EH referral with consent.", "", "Referral"),
    ("case-2", "02/10/2018", "DSL", "TAF attended.", "", ""),
    ("case-2", "06/11/2018", "DSL", "TAF attended.", "", ""),
    ("case-2", "15/01/2019", "DSL", "TAF attended. Attendance Lily 97%, Oscar 96%.", "Good attendance", ""),
]

GP = [
    ("case-2", "24/09/2018", "GP", "Oscar asthma review. Sophie low mood about housing - support offered.", "",
     "Review 4/52"),
    ("case-2", "08/10/2018", "Practice nurse",
     "Oscar not brought to asthma clinic. Phoned Sophie same day; told GP safeguarding lead under WNB policy.", "",
     "Rebooked 15/10"),
    ("case-2", "15/10/2018", "Practice nurse", "Oscar attended asthma clinic.", "", ""),
    ("case-3", "17/10/2018", "GP", "Evie - chest infection. Damp at home. Letter supporting housing transfer.",
     "", "Letter to Housing"),
    ("case-3", "24/10/2018", "GP", "Report for CIN meeting sent.", "", ""),
    ("case-3", "30/10/2018", "GP admin", "Notified by HV of Freddie's missed appointment; noted.", "", ""),
]

CHRON_B = [
    {"file": f"chronologies/{name}.csv", "agency": agency, "header": HEAD, "rows": rows}
    for name, agency, rows in [
        ("csc", "csc", CSC), ("mash", "mash", MASH), ("police", "police", POLICE), ("hv", "hv", HV),
        ("midwifery", "midwifery", MIDWIFERY), ("housing", "housing", HOUSING),
        ("early-help", "early-help", EARLY_HELP), ("brookfield", "brookfield", BROOKFIELD), ("gp", "gp", GP),
    ]
]

# ---------------------------------------------------------------------------------------------------------
# Returns: all on time, graded and evidenced.

G, OUT = "Good", "Outstanding"
RETURNS_B: list[dict] = []


def good(agency, case, submitted, by, specifics: dict, overall=G):
    """specifics: question -> (answer, grade, evidence)."""
    answers = []
    for q in ["recognition-needs", "recognition-history", "assessment-timely", "assessment-fathers", "planning-plan",
              "planning-contingency", "joint-working-meetings", "joint-working-sharing", "voice-child",
              "oversight-supervision", "impact-outcomes", "good-practice", "learning"]:
        a, g, e = specifics[q]
        answers.append((q, a, g, e))
    RETURNS_B.append({"agency": agency, "case": case, "submitted": submitted, "completed_by": by, "known": True,
                      "answers": answers, "overall": overall, "concern": "none"})


good("csc", "case-1", "2019-03-08", "Team manager", {
    "recognition-needs": ("Yes - allocated within 2 days of the midwife's referral.", G, "07/09/2018."),
    "recognition-history": ("Yes - histories of both parents gathered.", G, "13/09/2018, 20/09/2018."),
    "assessment-timely": ("Yes - completed in 35 working days.", G, "24/10/2018."),
    "assessment-fathers": ("Yes - Ryan seen alone, checks completed, included in the plan.", OUT,
                           "13/09/2018, 20/09/2018."),
    "planning-plan": ("Yes - pre-birth plan with outcomes and timescales.", G, "07/11/2018."),
    "planning-contingency": ("Yes - contingency for TA ending, early birth and separation, reviewed at each meeting.",
                             OUT, "07/11/2018, 16/01/2019, 06/03/2019."),
    "joint-working-meetings": ("Yes - Housing at every CIN meeting.", OUT, "07/11/2018, 16/01/2019, 06/03/2019."),
    "joint-working-sharing": ("Yes.", G, "20/09/2018."),
    "voice-child": ("Unborn: parents' preparation and baby's needs recorded at each visit.", G, "12/12/2018."),
    "oversight-supervision": ("Yes - monthly supervision.", G, "24/10/2018 to 07/03/2019."),
    "impact-outcomes": ("Baby will be born into a settled home with prepared parents.", G, "06/03/2019."),
    "good-practice": ("Housing at every meeting; contingency kept current.", None, "06/03/2019."),
    "learning": ("Share this model with other teams.", None, None),
}, OUT)
good("mash", "case-1", "2019-03-07", "MASH team manager", {
    "recognition-needs": ("Yes - decision next working day.", G, "06/09/2018."),
    "recognition-history": ("Yes - checks on both parents requested.", G, "06/09/2018."),
    "assessment-timely": ("Yes.", G, "06/09/2018."),
    "assessment-fathers": ("Yes - police checks on Ryan requested.", G, "06/09/2018."),
    "planning-plan": ("N/A - MASH.", None, None),
    "planning-contingency": ("N/A - MASH.", None, None),
    "joint-working-meetings": ("N/A - MASH.", None, None),
    "joint-working-sharing": ("Yes - outcome to referrer same day.", G, "06/09/2018."),
    "voice-child": ("Unborn.", None, None),
    "oversight-supervision": ("Yes - MASH manager decision.", G, "06/09/2018."),
    "impact-outcomes": ("Assessment started quickly.", G, "07/09/2018."),
    "good-practice": ("Feedback same day.", None, "06/09/2018."),
    "learning": (None, None, None),
})
good("hv", "case-1", "2019-03-06", "Named nurse", {
    "recognition-needs": ("Yes.", G, "10/10/2018."),
    "recognition-history": ("Yes.", G, "10/10/2018."),
    "assessment-timely": ("Yes - antenatal contact at 28+5 weeks.", G, "21/01/2019."),
    "assessment-fathers": ("Yes - Ryan seen at the antenatal contact.", G, "21/01/2019."),
    "planning-plan": ("Yes.", G, "07/11/2018."),
    "planning-contingency": ("Yes - recorded at CIN meeting.", G, "07/11/2018."),
    "joint-working-meetings": ("Yes - all CIN meetings, with Housing.", G, "07/11/2018, 16/01/2019, 06/03/2019."),
    "joint-working-sharing": ("Yes.", G, None),
    "voice-child": ("Unborn - parents' preparation recorded.", G, "21/01/2019."),
    "oversight-supervision": ("Safeguarding supervision.", G, "Quarterly."),
    "impact-outcomes": ("Safe sleep in place in the new tenancy.", G, "06/03/2019."),
    "good-practice": ("Antenatal contact on time with both parents.", None, "21/01/2019."),
    "learning": (None, None, None),
})
good("midwifery", "case-1", "2019-03-06", "Community midwifery team leader", {
    "recognition-needs": ("Yes - at booking, 9 weeks.", OUT, "05/09/2018."),
    "recognition-history": ("Yes.", G, "05/09/2018."),
    "assessment-timely": ("Yes.", G, "05/09/2018."),
    "assessment-fathers": ("Ryan attends appointments.", G, None),
    "planning-plan": ("Yes - birth plan shared.", G, "06/03/2019."),
    "planning-contingency": ("Yes - early birth covered.", G, "07/11/2018."),
    "joint-working-meetings": ("Yes.", G, "07/11/2018, 16/01/2019, 06/03/2019."),
    "joint-working-sharing": ("Duty to refer and MASH referral with consent; feedback same day.", OUT,
                              "05/09/2018, 06/09/2018."),
    "voice-child": ("Unborn.", None, None),
    "oversight-supervision": ("Safeguarding supervision.", G, None),
    "impact-outcomes": ("Family housed within a week of booking.", OUT, "11/09/2018."),
    "good-practice": ("Duty to refer used at booking.", None, "05/09/2018."),
    "learning": (None, None, None),
})
good("housing", "case-1", "2019-03-07", "Housing Options team leader", {
    "recognition-needs": ("Yes - seen the day of the duty to refer.", OUT, "06/09/2018."),
    "recognition-history": ("Yes - previous addresses and tenancy history checked at the application.", G,
                            "06/09/2018."),
    "assessment-timely": ("Yes - same day.", G, "06/09/2018."),
    "assessment-fathers": ("Yes - Ryan on the application.", G, "06/09/2018."),
    "planning-plan": ("Yes - PHP.", G, "06/09/2018."),
    "planning-contingency": ("Yes - alternative self-contained TA agreed in CIN contingency.", G, "07/11/2018."),
    "joint-working-meetings": ("Yes - every CIN meeting.", OUT, "07/11/2018, 16/01/2019, 06/03/2019."),
    "joint-working-sharing": ("Acknowledged to referrer same day.", G, "06/09/2018."),
    "voice-child": ("Unborn.", None, None),
    "oversight-supervision": ("The team leader reviewed the case at each CIN meeting date.", G,
                              "07/11/2018, 16/01/2019."),
    "impact-outcomes": ("Settled tenancy before the birth.", OUT, "04/03/2019."),
    "good-practice": ("Same-day response to the duty to refer.", None, "06/09/2018."),
    "learning": (None, None, None),
})
good("police", "case-1", "2019-03-05", "MASH police sergeant", {
    "recognition-needs": ("N/A - checks only.", None, None),
    "recognition-history": ("Yes - PNC and local intelligence on both adults.", G, "07/09/2018."),
    "assessment-timely": ("Checks returned same day.", G, "07/09/2018."),
    "assessment-fathers": ("Yes - Ryan checked.", G, "07/09/2018."),
    "planning-plan": ("N/A", None, None),
    "planning-contingency": ("N/A", None, None),
    "joint-working-meetings": ("N/A", None, None),
    "joint-working-sharing": ("Yes - same day.", G, "07/09/2018."),
    "voice-child": ("N/A", None, None),
    "oversight-supervision": ("Sergeant review.", G, "07/09/2018."),
    "impact-outcomes": ("Assessment informed.", G, None),
    "good-practice": ("Same-day checks.", None, "07/09/2018."),
    "learning": (None, None, None),
})
good("early-help", "case-2", "2019-03-08", "Early Help team manager", {
    "recognition-needs": ("Yes - allocated the day after the school's referral.", G, "13/09/2018."),
    "recognition-history": ("Yes.", G, "18/09/2018."),
    "assessment-timely": ("Yes - EHA within 5 days.", G, "18/09/2018."),
    "assessment-fathers": ("Yes - Tom at every visit and TAF.", G, "18/09/2018, 02/10/2018."),
    "planning-plan": ("Yes - TAF plan.", G, "02/10/2018."),
    "planning-contingency": ("Yes - TA in borough so children keep their school.", G, "02/10/2018."),
    "joint-working-meetings": ("Yes - Housing at every TAF.", OUT, "02/10/2018, 06/11/2018, 15/01/2019."),
    "joint-working-sharing": ("Yes.", G, "13/09/2018."),
    "voice-child": ("Yes - both children's views at every visit and in the closing summary.", OUT,
                    "18/09/2018, 06/11/2018, 15/01/2019, 20/02/2019."),
    "oversight-supervision": ("Yes - monthly supervision.", G, "16/10/2018 to 05/02/2019."),
    "impact-outcomes": ("Family rehoused before the notice expired took effect; children kept their school.", OUT,
                        "03/12/2018."),
    "good-practice": ("Housing and school round the same table from the first TAF.", None, "02/10/2018."),
    "learning": (None, None, None),
}, OUT)
good("housing", "case-2", "2019-03-07", "Housing Options team leader", {
    "recognition-needs": ("Yes - threat of homelessness identified when the s21 was brought in.", G, "12/09/2018."),
    "recognition-history": ("Yes - tenancy and rent history checked at the application.", G, "12/09/2018."),
    "assessment-timely": ("Yes - same day.", G, "12/09/2018."),
    "assessment-fathers": ("Yes - joint application.", G, "12/09/2018."),
    "planning-plan": ("Yes - PHP.", G, "12/09/2018."),
    "planning-contingency": ("Yes - TA in borough.", G, "02/10/2018."),
    "joint-working-meetings": ("Yes - every TAF.", G, "02/10/2018, 06/11/2018."),
    "joint-working-sharing": ("Yes - the EH worker was told of the application the same day.", G, "12/09/2018."),
    "voice-child": ("Through EH.", None, None),
    "oversight-supervision": ("The team leader agreed the offer and the move.", G, "06/11/2018, 03/12/2018."),
    "impact-outcomes": ("Rehoused 03/12/2018.", OUT, "03/12/2018."),
    "good-practice": ("Prevention duty worked.", None, None),
    "learning": (None, None, None),
})
good("brookfield", "case-2", "2019-03-06", "Designated safeguarding lead", {
    "recognition-needs": ("Yes - Lily's worry acted on the same day.", G, "11/09/2018."),
    "recognition-history": ("Yes.", G, None),
    "assessment-timely": ("N/A", None, None),
    "assessment-fathers": ("Yes - both parents spoken to.", G, "11/09/2018."),
    "planning-plan": ("Yes.", G, "02/10/2018."),
    "planning-contingency": ("Yes - school transport if TA needed.", G, "02/10/2018."),
    "joint-working-meetings": ("Yes - every TAF.", G, "02/10/2018, 06/11/2018, 15/01/2019."),
    "joint-working-sharing": ("Yes.", G, None),
    "voice-child": ("Yes.", G, "11/09/2018."),
    "oversight-supervision": ("DSL.", G, None),
    "impact-outcomes": ("Attendance 96-97%.", G, "15/01/2019."),
    "good-practice": ("Listening to Lily.", None, "11/09/2018."),
    "learning": (None, None, None),
})
good("gp", "case-2", "2019-03-06", "GP safeguarding lead", {
    "recognition-needs": ("Yes - Sophie's low mood linked to the housing threat at Oscar's review.", G, "24/09/2018."),
    "recognition-history": ("Yes - family's records reviewed at the practice safeguarding meeting.", G, "24/09/2018."),
    "assessment-timely": ("N/A", None, None),
    "assessment-fathers": ("Tom is registered with us; his records held no concerns when reviewed.", G, "24/09/2018."),
    "planning-plan": ("Yes - we knew of the Early Help plan from the school's referral and the TAF notes.", G,
                      "02/10/2018 TAF notes received."),
    "planning-contingency": ("Yes - contingency of TA in the borough shared with us by the EH worker.", G,
                             "02/10/2018 TAF notes received."),
    "joint-working-meetings": ("A written report was offered for each TAF; not needed as health needs were met.",
                               G, "02/10/2018, 06/11/2018."),
    "joint-working-sharing": ("Yes - the missed appointment was shared with the safeguarding lead the same day.", G,
                              "08/10/2018."),
    "voice-child": ("Oscar seen.", G, "24/09/2018."),
    "oversight-supervision": ("GP safeguarding lead.", G, "08/10/2018."),
    "impact-outcomes": ("Asthma controlled.", G, "15/10/2018."),
    "good-practice": ("WNB followed up same day.", None, "08/10/2018."),
    "learning": (None, None, None),
})
good("police", "case-3", "2019-03-05", "MASH police sergeant", {
    "recognition-needs": ("N/A - checks only.", None, None),
    "recognition-history": ("Yes - checks on Paul.", G, "10/10/2018."),
    "assessment-timely": ("Returned within a day.", G, "10/10/2018."),
    "assessment-fathers": ("Yes - Paul checked.", G, "10/10/2018."),
    "planning-plan": ("N/A", None, None),
    "planning-contingency": ("N/A", None, None),
    "joint-working-meetings": ("N/A", None, None),
    "joint-working-sharing": ("Yes.", G, "10/10/2018."),
    "voice-child": ("N/A", None, None),
    "oversight-supervision": ("Sergeant review.", G, "10/10/2018."),
    "impact-outcomes": ("Assessment informed.", G, None),
    "good-practice": ("Prompt checks.", None, "10/10/2018."),
    "learning": (None, None, None),
})
good("csc", "case-3", "2019-03-08", "Team manager", {
    "recognition-needs": ("Yes.", G, "03/10/2018."),
    "recognition-history": ("Yes.", G, None),
    "assessment-timely": ("Yes - 9 working days.", OUT, "15/10/2018."),
    "assessment-fathers": ("Yes - Paul seen and checked.", G, "09/10/2018, 11/10/2018."),
    "planning-plan": ("Yes - CIN plan.", G, "15/10/2018."),
    "planning-contingency": ("Yes - temporary move if transfer delayed; missed appointments same day to SW.", G,
                             "25/10/2018."),
    "joint-working-meetings": ("Yes - Housing at every CIN meeting.", OUT, "25/10/2018, 13/12/2018, 07/02/2019."),
    "joint-working-sharing": ("Yes.", G, "30/10/2018."),
    "voice-child": ("Yes - Freddie's words and Evie observed at each visit.", G, "09/10/2018, 22/11/2018, 21/01/2019."),
    "oversight-supervision": ("Yes - every 4 weeks.", G, "04/10/2018 to 28/02/2019."),
    "impact-outcomes": ("Dry, warm home; speech therapy started.", OUT, "21/01/2019."),
    "good-practice": ("Missed appointment followed up the same day.", None, "30/10/2018."),
    "learning": (None, None, None),
}, OUT)
good("mash", "case-3", "2019-03-07", "MASH team manager", {
    "recognition-needs": ("Yes - decision next day.", G, "03/10/2018."),
    "recognition-history": ("Yes.", G, None),
    "assessment-timely": ("Yes.", G, "03/10/2018."),
    "assessment-fathers": ("N/A at MASH.", None, None),
    "planning-plan": ("N/A", None, None),
    "planning-contingency": ("N/A", None, None),
    "joint-working-meetings": ("N/A", None, None),
    "joint-working-sharing": ("Outcome to HV same day.", G, "03/10/2018."),
    "voice-child": ("Via referrer.", None, None),
    "oversight-supervision": ("Manager decision.", G, "03/10/2018."),
    "impact-outcomes": ("Quick assessment.", G, None),
    "good-practice": ("Same-day feedback.", None, "03/10/2018."),
    "learning": (None, None, None),
})
good("hv", "case-3", "2019-03-06", "Named nurse", {
    "recognition-needs": ("Yes - damp and speech delay.", G, "02/10/2018."),
    "recognition-history": ("Yes.", G, None),
    "assessment-timely": ("Yes.", G, None),
    "assessment-fathers": ("Yes - Paul at visits.", G, "06/11/2018."),
    "planning-plan": ("Yes.", G, "25/10/2018."),
    "planning-contingency": ("Yes.", G, "25/10/2018."),
    "joint-working-meetings": ("Yes.", G, "25/10/2018, 13/12/2018, 07/02/2019."),
    "joint-working-sharing": ("Yes - WNB escalated same day.", OUT, "30/10/2018."),
    "voice-child": ("Observations of both children.", G, "18/02/2019."),
    "oversight-supervision": ("Safeguarding supervision.", G, None),
    "impact-outcomes": ("Children thriving.", G, "18/02/2019."),
    "good-practice": ("WNB policy followed.", None, "30/10/2018."),
    "learning": (None, None, None),
})
good("gp", "case-3", "2019-03-06", "GP safeguarding lead", {
    "recognition-needs": ("Yes - damp linked to Evie's chest.", G, "17/10/2018."),
    "recognition-history": ("Yes - both children's records reviewed before the CIN report.", G, "24/10/2018."),
    "assessment-timely": ("N/A", None, None),
    "assessment-fathers": ("Paul is registered with us and his record was included in our CIN report.", G,
                           "24/10/2018."),
    "planning-plan": ("Report to CIN.", G, "24/10/2018."),
    "planning-contingency": ("Yes - the CIN contingency (temporary move if the transfer is delayed) was shared "
                             "with us.", G, "25/10/2018 CIN minutes received."),
    "joint-working-meetings": ("Report sent.", G, "24/10/2018."),
    "joint-working-sharing": ("Yes.", G, "17/10/2018."),
    "voice-child": ("N/A", None, None),
    "oversight-supervision": ("The practice safeguarding lead reviewed the case at the monthly meeting.", G,
                              "24/10/2018."),
    "impact-outcomes": ("Transfer supported.", G, "17/10/2018."),
    "good-practice": ("Housing letter.", None, "17/10/2018."),
    "learning": (None, None, None),
})
good("housing", "case-3", "2019-03-07", "Housing team leader", {
    "recognition-needs": ("Yes - damp and overcrowding recognised when the SW rang.", G, "10/10/2018."),
    "recognition-history": ("Yes - the tenancy's repair history was reviewed.", G, "10/10/2018."),
    "assessment-timely": ("Yes - inspection booked the same day.", G, "10/10/2018."),
    "assessment-fathers": ("Gemma and Paul are joint tenants and both took part in the transfer plan.", G,
                           "25/10/2018."),
    "planning-plan": ("Yes - priority transfer plan.", G, "10/10/2018."),
    "planning-contingency": ("Temporary move if delayed.", G, "25/10/2018."),
    "joint-working-meetings": ("Yes - every CIN meeting.", G, "25/10/2018, 13/12/2018, 07/02/2019."),
    "joint-working-sharing": ("Yes - transfer progress shared at each CIN meeting.", G, "13/12/2018."),
    "voice-child": ("Through SW.", None, None),
    "oversight-supervision": ("The team leader approved the management transfer.", G, "14/01/2019."),
    "impact-outcomes": ("Moved 21/01/2019.", OUT, "21/01/2019."),
    "good-practice": ("Quick transfer.", None, None),
    "learning": (None, None, None),
})

CASES_B = [
    {
        "id": "case-1",
        "summary": "Pregnant mother and partner, homeless at booking; temporary flat then tenancy; pre-birth plan",
        "references": {"csc": "NCT-120331", "mash": "MASH-18-23100", "hv": "NCHT-HV-601772",
                       "midwifery": "NGH-MAT-71420", "housing": "HO/2018/2790", "police": "NP-CHK-8812"},
        "expected_agencies": ["csc", "mash", "hv", "midwifery", "housing", "police"],
        "children": [{"id": "b1-unborn", "unborn": True}],
        "pregnancy": {"mother": "b1-mother", "expected_delivery": "2019-04-10"},
        "adults": [
            {"id": "b1-mother", "role": "mother", "name": "Amy", "lives_with_child": True},
            {"id": "b1-father", "role": "father", "name": "Ryan", "lives_with_child": True, "aliases": ["dad"]},
        ],
        "plans": [{"type": "pre_birth", "child": "b1-unborn", "start": "2018-10-24"}],
    },
    {
        "id": "case-2",
        "summary": "Two children; s21 notice; Early Help with Housing at TAF; rehoused before eviction",
        "references": {"early-help": "EH-18-5120", "housing": "HO/2018/2815", "brookfield": "BPS-2018-210",
                       "gp": "RMP-33109"},
        "expected_agencies": ["early-help", "housing", "brookfield", "gp"],
        "children": [
            {"id": "b2-a", "name": "Lily", "date_of_birth": "2010-05-12"},
            {"id": "b2-b", "name": "Oscar", "date_of_birth": "2013-09-30"},
        ],
        "adults": [
            {"id": "b2-mother", "role": "mother", "name": "Sophie", "lives_with_child": True},
            {"id": "b2-father", "role": "father", "name": "Tom", "lives_with_child": True},
        ],
        "plans": [{"type": "early_help", "start": "2018-09-18", "end": "2019-02-20"}],
    },
    {
        "id": "case-3",
        "summary": "Two young children in a damp, overcrowded flat; CIN plan; transfer to a 3-bed house",
        "references": {"csc": "NCT-119902", "mash": "MASH-18-21877", "hv": "NCHT-HV-590014", "gp": "RMP-32877",
                       "housing": "NBC-T-30044120",
                       "police": "NP-CHK-9034"},
        "expected_agencies": ["csc", "mash", "hv", "gp", "housing", "police"],
        "children": [
            {"id": "b3-a", "name": "Freddie", "date_of_birth": "2016-01-20"},
            {"id": "b3-b", "name": "Evie", "date_of_birth": "2017-12-05"},
        ],
        "adults": [
            {"id": "b3-mother", "role": "mother", "name": "Gemma", "lives_with_child": True},
            {"id": "b3-father", "role": "father", "name": "Paul", "lives_with_child": True},
        ],
        "plans": [
            {"type": "child_in_need", "child": "b3-a", "start": "2018-10-15", "end": "2019-03-01"},
            {"type": "child_in_need", "child": "b3-b", "start": "2018-10-15", "end": "2019-03-01"},
        ],
    },
]

MANIFEST_B = {
    "audit": {
        "id": "maca-2019-homelessness-good-practice",
        "title": "Multi-agency case audit — homelessness (good practice comparison)",
        "theme": "homelessness",
        "partnership": "Northshire Safeguarding Children Partnership",
        "meeting_date": "2019-03-26",
        "submission_deadline": "2019-03-12",
        "period": {"start": "2018-03-01", "end": "2019-02-28"},
    },
    "agencies": agencies(["csc", "mash", "early-help", "police", "hv", "midwifery", "gp", "housing", "brookfield"]),
    "cases": CASES_B,
    "submissions": {
        "chronologies": [{"file": c["file"], "agency": c["agency"]} for c in CHRON_B],
        "returns": [{"file": f"returns/{r['agency']}-{r['case']}.yaml", "agency": r["agency"], "case": r["case"],
                     "submitted": r["submitted"]} for r in RETURNS_B],
    },
}

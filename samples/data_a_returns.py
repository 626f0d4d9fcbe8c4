"""Bundle A (samples/homelessness): audit returns and the manifest.

Deliberate quality differences (see samples/README.md, "Expected agency quality grades"):
  gp                  on time, thorough dated evidence, honest grades, strengths and learning   -> Outstanding
  housing, hv, egh, ngh, midwifery, northfield-academy  on time, evidenced, mostly honest        -> Good
  csc                 on the deadline day; case 6 claims Housing attended CIN meetings (it never did) -> RI
  mash                identical copy-pasted narrative in all four returns                         -> RI
  early-help          case 4 claims a contingency plan that no record shows                       -> RI
  brookfield          good return for case 4, but nothing for cases 2 and 6 where it is involved  -> RI
  mental-health       late (15/03), thin, claims feedback given when none was                     -> RI
  police              late (20/03), one-word evidence, questions ungraded, bare contact log       -> Inadequate
"""

from __future__ import annotations

from data_a_chronologies import CHRON_A, GP_XLSX
from data_agencies import agencies

G, OUT, RI, IN = "Good", "Outstanding", "Requires improvement", "Inadequate"

RETURNS_A: list[dict] = []


def ret(agency, case, submitted, completed_by, answers, overall, known=True, concern="none", xlsx=False):
    RETURNS_A.append({"agency": agency, "case": case, "submitted": submitted, "completed_by": completed_by,
                      "known": known, "answers": answers, "overall": overall, "concern": concern, "xlsx": xlsx})


# ---------------------------------------------------------------------------------------------------------
# GP - Riverside Medical Practice: the model return (Outstanding).

ret("gp", "case-1", "2019-03-06", "GP safeguarding lead", [
    ("recognition-needs", "Yes. Housing instability recorded at the first pregnancy consultation (no fixed address, "
     "staying at partner's sister's flat) and maternal anxiety recognised and scored.", G,
     "Consultations 21/09/2018 and 16/11/2018 (PHQ-9 14); housing coded on record 21/09/2018."),
    ("recognition-history", "Yes. 2017 disclosure of arguments with partner and previous anxiety were on record and "
     "shared with MASH the same day they asked.", G, "Consultation 12/06/2017; MASH request answered 28/09/2018."),
    ("assessment-timely", "Not a GP assessment. Our contribution was requested late (23/01/2019) when the CSC "
     "assessment was already overdue, and the rush risked sharing without consent. We replied within 6 days with "
     "consent.", G, "Request 23/01/2019; records summary sent 29/01/2019."),
    ("assessment-fathers", "No. Dean is not registered with us; we hold nothing about him and did not ask about him. "
     "Nobody asked us either.", RI, "No record of Dean on our system; ICPC report 11/02/2019 covers mother only."),
    ("planning-plan", "Yes - pre-birth CP plan from 13/02/2019; GP actions (perinatal MH, encourage HV contact) known.",
     G, "ICPC report 11/02/2019; MDT 05/03/2019."),
    ("planning-contingency", "No. No contingency plan has been shared with the practice and we are not aware of one "
     "for the residential placement falling through or baby being born out of county.", RI,
     "Nothing received after ICPC 13/02/2019."),
    ("joint-working-meetings", "Partly. GP report provided for ICPC; unable to attend. HV invited to our MDT but did "
     "not attend.", G, "Report 11/02/2019; MDT 05/03/2019."),
    ("joint-working-sharing", "Yes. MASH request answered same day; records summary sent the same day consent was "
     "signed.", OUT, "28/09/2018; 29/01/2019."),
    ("voice-child", "Unborn: mother's feelings about the pregnancy and her worries about housing recorded at each "
     "consultation.", G, "21/09/2018, 16/11/2018, 29/01/2019."),
    ("oversight-supervision", "Yes - discussed with GP safeguarding lead and at the practice safeguarding MDT.", G,
     "24/01/2019; MDT 05/03/2019."),
    ("impact-outcomes", "Mother's anxiety identified and monitored; consent gained without losing her trust - she came "
     "in after our texts.", G, "29/01/2019."),
    ("good-practice", "Considerable effort to gain mother's consent: five calls, a letter and texts over 23-29/01/2019, "
     "while telling the SW what could be shared in the meantime.", None, "23/01/2019, 24/01/2019, 29/01/2019."),
    ("learning", "Ask about fathers and partners who are not our patients; ask CSC for the contingency plan after "
     "conference.", None, None),
], G)

ret("gp", "case-2", "2019-03-06", "GP safeguarding lead", [
    ("recognition-needs", "Partly. Wetting and soiling linked to housing stress in May 2018, but the run of missed "
     "appointments was not recognised as neglect until October.", RI, "22/05/2018; MDT 12/10/2018."),
    ("recognition-history", "Yes - previous concerns about home conditions known to the practice.", G,
     "Practice safeguarding register entry 2017."),
    ("assessment-timely", "Not a GP assessment; we contributed to the s47 via the HV.", None, None),
    ("assessment-fathers", "No. We knew nothing of mother's partners; the children's fathers are not involved.", RI,
     "No record."),
    ("planning-plan", "CP plan from 12/12/2018; WNB list shared with SW 07/01/2019.", G, "07/01/2019."),
    ("planning-contingency", "Not known to the practice.", RI, None),
    ("joint-working-meetings", "Practice MDT with HV held and effective; not invited to ICPC.", G, "MDT 12/10/2018, "
     "07/01/2019."),
    ("joint-working-sharing", "Partly. WNB list shared only once the children were on CP plans.", RI, "07/01/2019."),
    ("voice-child", "Limited - children seen with mother only.", RI, "22/05/2018."),
    ("oversight-supervision", "Yes - practice MDT.", G, "12/10/2018; 07/01/2019."),
    ("impact-outcomes", "Children now safe with extended family; practice records updated.", G, "28/01/2019."),
    ("good-practice", "Effective practice MDT meetings to discuss this family with the HV.", None, "12/10/2018."),
    ("learning", "Six missed appointments (immunisations x3, continence clinic x2) were followed by recall letters "
     "only - we should have escalated under our WNB policy after the second.", None,
     "17/04/2018, 12/06/2018, 10/07/2018, 11/09/2018, 04/12/2018."),
], RI)

ret("gp", "case-4", "2019-03-06", "GP safeguarding lead", [
    ("recognition-needs", "Yes. Impact of mother's MS relapse on the children recognised and referred with consent.",
     G, "03/10/2018 referral to MASH."),
    ("recognition-history", "Yes.", G, "Donna's long-term condition record."),
    ("assessment-timely", "CSC assessment completed within timescale and outcome letter received.", G, "03/12/2018."),
    ("assessment-fathers", "Yes - Mark is our patient and was seen about his own health.", G, "18/02/2019."),
    ("planning-plan", "Early Help plan after step-down.", G, "Outcome letter 03/12/2018."),
    ("planning-contingency", "No. Mark told us he was 'thinking of leaving for a bit'. We shared this with EH but "
     "are not aware of a contingency plan.", RI, "18/02/2019."),
    ("joint-working-meetings", "Not invited to TAF; we would attend or send a report.", RI, None),
    ("joint-working-sharing", "Yes - referral with consent and outcome received.", G, "03/10/2018; 03/12/2018."),
    ("voice-child", "Not seen by GP in this period.", None, None),
    ("oversight-supervision", "Discussed with GP safeguarding lead.", G, "03/10/2018."),
    ("impact-outcomes", "Family supported; carer's assessment requested for Mark.", G, "03/10/2018."),
    ("good-practice", "Early referral with consent and a carer's assessment request at the same time.", None,
     "03/10/2018."),
    ("learning", "Ask to be invited to TAF reviews for families where a parent has a long-term condition.", None,
     None),
], G)

# ---------------------------------------------------------------------------------------------------------
# Housing Options: on time, evidenced, honest (Good). Case 4 carries the immediate concern.

ret("housing", "case-2", "2019-03-08", "Housing Options team leader", [
    ("recognition-needs", "Yes - homelessness and the children's needs in B&B recognised; MASH notified.", G,
     "05/03/2018, 08/03/2018."),
    ("recognition-history", "Partly - previous tenancy history known; wider family history not known to Housing.", RI,
     None),
    ("assessment-timely", "Homelessness application same day.", G, "05/03/2018."),
    ("assessment-fathers", "Not known to Housing; nobody else recorded on the application.", RI, None),
    ("planning-plan", "Yes - Personal Housing Plan; TAF plan from 05/11/2018.", G, "05/11/2018."),
    ("planning-contingency", "No - no plan for the 6-week B&B limit being exceeded.", RI, "19/06/2018."),
    ("joint-working-meetings", "Attended TAF; not invited to ICPC or core groups.", RI, "05/11/2018."),
    ("joint-working-sharing", "Yes - MASH notified at placement; B&B complaints logged.", G, "08/03/2018, 02/05/2018."),
    ("voice-child", "No - children not spoken to by Housing.", RI, None),
    ("oversight-supervision", "Team leader review of B&B stays.", G, "19/06/2018."),
    ("impact-outcomes", "Roof over the family but ten months in one B&B room.", RI, "08/03/2018 to 28/01/2019."),
    ("good-practice", "Out of hours officer acted at once when the children were found alone.", None, "25/01/2019."),
    ("learning", "Share B&B manager concerns with MASH, not just warning letters.", None, "02/05/2018."),
], RI)

ret("housing", "case-3", "2019-03-08", "Housing Options team leader", [
    ("recognition-needs", "Partly. Callum's homelessness was recognised on the day, but he was treated as an adult "
     "applicant.", RI, "14/05/2018."),
    ("recognition-history", "No.", RI, None),
    ("assessment-timely", "No. Under the 16-17 Joint Housing Protocol we should have referred to CSC on 14/05/2018; "
     "we referred on 28/08/2018 after 15 weeks in an adult hostel.", IN, "14/05/2018, 13/08/2018, 28/08/2018."),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "Personal Housing Plan only until CSC involvement.", RI, "30/05/2018."),
    ("planning-contingency", "No.", RI, None),
    ("joint-working-meetings", "Joint visit with SW once referred.", G, "04/10/2018."),
    ("joint-working-sharing", "Feedback received from SW.", G, "22/10/2018."),
    ("voice-child", "Callum's wishes recorded in his Personal Housing Plan.", G, "30/05/2018."),
    ("oversight-supervision", "Team leader review picked up the protocol failure - but 13 weeks in.", RI, "13/08/2018."),
    ("impact-outcomes", "Callum now in supported lodgings.", G, "19/11/2018."),
    ("good-practice", "Joint visit with the SW.", None, "04/10/2018."),
    ("learning", "All Housing Options staff to be briefed on the 16-17 protocol: refer to CSC on the day.", None, None),
], RI)

ret("housing", "case-4", "2019-03-11", "Housing Options team leader", [
    ("recognition-needs", "Yes - arrears pattern from June 2018; impact on children recognised when the possession "
     "order was made.", G, "14/06/2018, 09/08/2018, 17/12/2018."),
    ("recognition-history", "Yes - tenancy history and Donna's health needs known.", G, "20/09/2018."),
    ("assessment-timely", "Homelessness application and prevention duty within 4 weeks of the order.", G,
     "10/01/2019."),
    ("assessment-fathers", "Yes - Mark seen at every contact.", G, "20/09/2018."),
    ("planning-plan", "Yes - Personal Housing Plan and TAF plan.", G, "10/01/2019, 30/01/2019."),
    ("planning-contingency", "No. No accommodation identified if the eviction goes ahead on 04/04/2019, and no plan "
     "if Mark leaves.", RI, "N54 11/03/2019."),
    ("joint-working-meetings", "Yes - Housing at TAF.", G, "30/01/2019."),
    ("joint-working-sharing", "Yes - referral to EH with consent, allocation confirmed same day; N54 copied to EH.", G,
     "14/01/2019, 21/01/2019, 11/03/2019."),
    ("voice-child", "Not directly - through EH worker.", RI, None),
    ("oversight-supervision", "Income team leader review before warrant.", G, "18/02/2019."),
    ("impact-outcomes", "Family still facing eviction.", RI, None),
    ("good-practice", "Early Help involved with consent as soon as the order was made.", None, "14/01/2019."),
    ("learning", "Refer to Early Help at NSP stage, not after the possession order.", None, "09/08/2018."),
], G, concern="Bailiffs are booked for 04/04/2019 (N54 received 11/03/2019). Two children (9 and 7) and a disabled "
   "mother will be homeless; no alternative accommodation yet and no plan if father (main carer) leaves. Needs a "
   "same-day referral and a joint Housing/EH/CSC plan before the eviction date.")

ret("housing", "case-5", "2019-03-08", "Housing Options team leader", [
    ("recognition-needs", "Yes - children's health needs and threat of homelessness recognised at first approach.", G,
     "03/04/2018."),
    ("recognition-history", "Yes.", G, "03/04/2018."),
    ("assessment-timely", "Prevention duty accepted on the day.", G, "03/04/2018."),
    ("assessment-fathers", "No partner in the household.", None, None),
    ("planning-plan", "Personal Housing Plan; no multi-agency plan despite four referrals.", RI, None),
    ("planning-contingency", "No - eviction day reached without a joint plan.", RI, "23/01/2019."),
    ("joint-working-meetings", "No meetings were held.", RI, None),
    ("joint-working-sharing", "We referred to MASH four times; each was signposted or closed. We held mum's new mobile "
     "and her sister's number from 15/05/2018 but did not pass them to MASH when told they could not reach her.", RI,
     "04/04/2018, 02/07/2018, 24/09/2018, 03/12/2018; 15/05/2018; 28/09/2018."),
    ("voice-child", "No.", RI, None),
    ("oversight-supervision", "Team leader aware; no escalation of repeated MASH outcomes.", RI, None),
    ("impact-outcomes", "Family now in temporary accommodation.", G, "23/01/2019."),
    ("good-practice", "On eviction day we kept calling MASH and CSC duty until a joint plan was agreed and the family "
     "were housed the same afternoon.", None, "23/01/2019."),
    ("learning", "Escalate when MASH closes a repeat referral; always send alternative contact details.", None, None),
], RI)

ret("housing", "case-6", "2019-03-08", "Housing Options team leader", [
    ("recognition-needs", "Yes - arrears and then the s21 recognised; SW told at once.", G, "26/03/2018, 02/08/2018."),
    ("recognition-history", "Yes - knew the family had a CIN plan.", G, "27/03/2018."),
    ("assessment-timely", "Prevention duty accepted on the day.", G, "02/08/2018."),
    ("assessment-fathers", "N/A - ex-partner has no contact.", None, None),
    ("planning-plan", "Personal Housing Plan.", G, "02/08/2018."),
    ("planning-contingency", "No joint contingency for the eviction date with CSC.", RI, "04/01/2019, 14/01/2019."),
    ("joint-working-meetings", "No. Housing was never invited to a CIN meeting.", IN, "15/01/2019."),
    ("joint-working-sharing", "We referred Leanne to mental health and chased twice; no feedback ever received.", RI,
     "10/09/2018, 15/10/2018, 05/12/2018."),
    ("voice-child", "Not directly.", RI, None),
    ("oversight-supervision", "Team leader raised the CIN issue with CSC.", G, "15/01/2019."),
    ("impact-outcomes", "Family safe in Westmarsh.", G, "18/02/2019."),
    ("good-practice", "Good early communication with the SW in March 2018; persistent on eviction day.", None,
     "27/03/2018, 14/01/2019."),
    ("learning", "Ask to be invited to CIN meetings when a family we support has a plan.", None, None),
], RI)

# ---------------------------------------------------------------------------------------------------------
# Health visiting (Good, transparent).

ret("hv", "case-1", "2019-03-07", "Named nurse for safeguarding", [
    ("recognition-needs", "Yes - family identified as Universal Partnership Plus on MASH notification.", G, "20/11/2018."),
    ("recognition-history", "Partly - DA history known from MASH.", G, "20/11/2018."),
    ("assessment-timely", "No. No antenatal contact has taken place: cancelled 28/01/2019, no access 11/02/2019. "
     "Targeted antenatal contact should have been done by 30 weeks (09/02/2019).", IN,
     "24/01/2019, 28/01/2019, 11/02/2019."),
    ("assessment-fathers", "No - we have never met Dean.", RI, None),
    ("planning-plan", "Pre-birth CP plan - HV not at ICPC and sent no report.", RI, "13/02/2019."),
    ("planning-contingency", "No contingency plan known.", RI, None),
    ("joint-working-meetings", "No - did not attend ICPC or core group.", IN, "13/02/2019, 22/02/2019."),
    ("joint-working-sharing", "Non-engagement escalated to SW after safeguarding supervision.", G, "01/03/2019."),
    ("voice-child", "Unborn - not possible without contact.", RI, None),
    ("oversight-supervision", "Safeguarding supervision held.", G, "01/03/2019."),
    ("impact-outcomes", "None yet.", IN, None),
    ("good-practice", "Honest record of every attempt.", None, None),
    ("learning", "Book antenatal contact at 26 weeks for UPP families and escalate after the first no access.", None,
     None),
], RI)

ret("hv", "case-2", "2019-03-07", "Named nurse for safeguarding", [
    ("recognition-needs", "Partly - speech delay and overcrowding noted; neglect not named until November.", RI,
     "17/08/2018."),
    ("recognition-history", "Yes - 2017 home conditions concern known.", G, "HV record 2017."),
    ("assessment-timely", "Antenatal contact done at 29 weeks.", G, "22/11/2018."),
    ("assessment-fathers", "No.", RI, None),
    ("planning-plan", "CP plan from 12/12/2018.", G, None),
    ("planning-contingency", "Not known.", RI, None),
    ("joint-working-meetings", "Attended core groups and practice MDT.", G, "12/10/2018, 19/12/2018, 16/01/2019."),
    ("joint-working-sharing", "Partly.", RI, None),
    ("voice-child", "Alfie observed at visit.", G, "17/08/2018."),
    ("oversight-supervision", "Not evidenced.", RI, None),
    ("impact-outcomes", "Children now with grandmother.", G, None),
    ("good-practice", "Attended all core groups.", None, None),
    ("learning", "Alfie was not brought twice and we had no access twice; we did not escalate. Mother agreed to "
     "everything at the antenatal contact and then did not engage - we should have named disguised compliance.",
     None, "02/05/2018, 20/06/2018, 26/09/2018, 08/01/2019."),
], RI)

ret("hv", "case-5", "2019-03-11", "Named nurse for safeguarding", [
    ("recognition-needs", "No. The family were not known to us; Ruby (3) was never registered with the HV service "
     "after moving into Northshire.", IN, "05/03/2019."),
    ("recognition-history", "No.", IN, None),
    ("assessment-timely", "N/A until 05/03/2019.", None, None),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "Plan requested through MASH after we found the gap.", G, "06/03/2019."),
    ("planning-contingency", "N/A", None, None),
    ("joint-working-meetings", "N/A", None, None),
    ("joint-working-sharing", "Escalated to named nurse and MASH the day after we found the gap.", OUT,
     "05/03/2019, 06/03/2019."),
    ("voice-child", "Ruby seen at home visit.", G, "08/03/2019."),
    ("oversight-supervision", "Named nurse oversight.", G, "06/03/2019."),
    ("impact-outcomes", "HV now allocated; development review booked.", G, "08/03/2019."),
    ("good-practice", "Transparent: we found the family unknown to us and escalated at once.", None, "05/03/2019."),
    ("learning", "Transfer-in checks for under-5s moving into temporary accommodation.", None, None),
], G, known=False)

# ---------------------------------------------------------------------------------------------------------
# Hospitals (Good).

ret("egh", "case-1", "2019-03-08", "Named midwife for safeguarding", [
    ("recognition-needs", "Yes - DA, homelessness and low mood identified at booking (10+2 weeks).", OUT, "24/09/2018."),
    ("recognition-history", "Yes - 2017 DA disclosed and recorded.", G, "24/09/2018."),
    ("assessment-timely", "Our referral was made at booking; the CSC assessment then took over four months.", G,
     "24/09/2018; ICPC 13/02/2019."),
    ("assessment-fathers", "Dean attended clinic and scan and engaged well. We recorded what he told us (stabbed in "
     "2017, 'carries something for protection') and phoned the SW. We did not ask for any checks.", RI,
     "09/10/2018, 22/11/2018, 24/01/2019."),
    ("planning-plan", "Pre-birth CP plan; birth plan alert on the maternity system.", G, "13/02/2019."),
    ("planning-contingency", "No. The plan depends on the residential placement, which is not secured.", RI,
     "22/02/2019."),
    ("joint-working-meetings", "Attended strategy, ICPC and core group.", G, "10/01/2019, 13/02/2019, 22/02/2019."),
    ("joint-working-sharing", "Referral same day; feedback received from MASH in 2 days.", G, "24/09/2018, 26/09/2018."),
    ("voice-child", "Unborn - fetal wellbeing and mother's feelings recorded.", G, "22/11/2018."),
    ("oversight-supervision", "Safeguarding supervision with named midwife.", G, "Monthly."),
    ("impact-outcomes", "Psychological support being arranged for when baby is born.", G, "07/03/2019."),
    ("good-practice", "Early referral at booking; perinatal psychology liaison for the placement.", None,
     "24/09/2018, 07/03/2019."),
    ("learning", "Ask the SW what was done with information about weapons.", None, "22/11/2018."),
], G)

ret("ngh", "case-5", "2019-03-11", "Named nurse for safeguarding children", [
    ("recognition-needs", "Children's health needs well managed; we were not aware of any housing concerns.", RI,
     "12/04/2018 to 19/02/2019."),
    ("recognition-history", "Clinical history known.", G, None),
    ("assessment-timely", "N/A", None, None),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "Clinical plans for both children.", G, "18/07/2018."),
    ("planning-contingency", "Rescue medication plan for Ruby.", G, "18/07/2018."),
    ("joint-working-meetings", "Not invited to any meetings.", None, None),
    ("joint-working-sharing", "WNB letter to GP; no information received from Housing or MASH.", RI, "06/11/2018."),
    ("voice-child", "Kai's views on his asthma recorded.", G, "25/09/2018."),
    ("oversight-supervision", "N/A", None, None),
    ("impact-outcomes", "Kai's asthma control improved.", G, "19/02/2019."),
    ("good-practice", "Consistent clinical follow-up.", None, None),
    ("learning", "Ask about housing at clinic when a parent says 'lots going on'.", None, "25/09/2018."),
], G)

ret("midwifery", "case-2", "2019-03-10", "Community midwifery team leader", [
    ("recognition-needs", "Late booking at 16 weeks in B&B recognised.", G, "24/08/2018."),
    ("recognition-history", "Partly.", RI, None),
    ("assessment-timely", "Reasons for late booking explored.", G, "24/08/2018."),
    ("assessment-fathers", "No - father of baby not identified.", RI, None),
    ("planning-plan", "Antenatal care plan.", G, None),
    ("planning-contingency", "No plan for mother leaving the area.", RI, None),
    ("joint-working-meetings", "Not invited to ICPC.", RI, None),
    ("joint-working-sharing", "Three DNAs not shared with CSC.", RI, "05/10/2018, 02/11/2018, 14/12/2018."),
    ("voice-child", "N/A", None, None),
    ("oversight-supervision", "Safeguarding supervision.", G, None),
    ("impact-outcomes", "Baby born out of county.", RI, "26/01/2019."),
    ("good-practice", "Reasons for late booking asked.", None, None),
    ("learning", "Share DNAs for women whose children are on CP plans.", None, None),
], RI)

# ---------------------------------------------------------------------------------------------------------
# Schools.

ret("northfield-academy", "case-3", "2019-03-09", "Designated safeguarding lead", [], G, xlsx=True)
NORTHFIELD_CASE3_XLSX = [
    ("recognition-needs", "Yes - tutor picked up sofa-surfing and DSL referred to MASH next day.", "Good",
     "08/05/2018, 09/05/2018"),
    ("recognition-history", "Yes - pastoral file known.", "Good", "Pastoral file"),
    ("assessment-timely", "No. MASH signposted Callum to Housing instead of assessing him.", "Requires improvement",
     "21/05/2018"),
    ("assessment-fathers", "N/A", "", ""),
    ("planning-plan", "Bus pass and exam support.", "Good", "11/06/2018"),
    ("planning-contingency", "No.", "Requires improvement", ""),
    ("joint-working-meetings", "No meetings held.", "Requires improvement", ""),
    ("joint-working-sharing", "We chased MASH and emailed Housing with our worry.", "Good", "21/05/2018, 25/06/2018"),
    ("voice-child", "Callum's own words recorded by tutor.", "Good", "08/05/2018"),
    ("oversight-supervision", "DSL oversight.", "Good", ""),
    ("impact-outcomes", "Callum completed his GCSEs.", "Good", "25/06/2018"),
    ("good-practice", "Tutor noticed and acted the same day.", "", "08/05/2018"),
    ("learning", "Challenge MASH when a 16-year-old is signposted to Housing.", "", ""),
]

ret("northfield-academy", "case-6", "2019-03-09", "Designated safeguarding lead", [
    ("recognition-needs", "Yes - Tyler's lateness linked to the housing worry and shared with SW.", G, "05/10/2018."),
    ("recognition-history", "Yes - CP history known.", G, "21/03/2018."),
    ("assessment-timely", "N/A", None, None),
    ("assessment-fathers", "Craig has no contact.", None, None),
    ("planning-plan", "CIN plan.", G, "20/06/2018."),
    ("planning-contingency", "No plan for the eviction that we knew of.", RI, None),
    ("joint-working-meetings", "Attended every CIN meeting. Housing was not there.", G,
     "20/06/2018, 29/08/2018, 07/11/2018, 30/01/2019."),
    ("joint-working-sharing", "Yes.", G, "05/10/2018."),
    ("voice-child", "Tyler's words recorded.", G, "20/06/2018, 05/10/2018."),
    ("oversight-supervision", "DSL.", G, None),
    ("impact-outcomes", "Tyler moved out of county; records transferred.", G, "15/02/2019."),
    ("good-practice", "Records transferred promptly.", None, "15/02/2019."),
    ("learning", None, None, None),
], G)

ret("brookfield", "case-4", "2019-03-08", "Designated safeguarding lead", [
    ("recognition-needs", "Yes - Ellie's worry about losing the house logged and shared with Dad.", G, "17/12/2018."),
    ("recognition-history", "Yes.", G, None),
    ("assessment-timely", "SW saw children in school during assessment.", G, "01/11/2018."),
    ("assessment-fathers", "Yes - Dad does drop-off and pick-up and is our main contact.", G, "17/12/2018."),
    ("planning-plan", "Early Help plan.", G, "30/01/2019."),
    ("planning-contingency", "We do not know of a plan if Dad can no longer care for the children.", RI, None),
    ("joint-working-meetings", "Attended TAF.", G, "30/01/2019."),
    ("joint-working-sharing", "Yes.", G, None),
    ("voice-child", "Ellie's words recorded by class teacher.", G, "17/12/2018."),
    ("oversight-supervision", "DSL oversight.", G, None),
    ("impact-outcomes", "Attendance 97%; children doing well.", OUT, "08/03/2019."),
    ("good-practice", "Children's attendance is good.", None, "05/09/2018, 08/03/2019."),
    ("learning", "Ask at TAF what happens if Dad cannot cope.", None, None),
], G)
# No Brookfield returns (or chronologies) for case-2 and case-6, although CSC, EH, HV and police records show the
# school's involvement (Brookfield DSL at ICPC 12/12/2018, core groups, CIN meetings).

# ---------------------------------------------------------------------------------------------------------
# CSC (RI): on the deadline day; mixed; case 6 contradicts its own records about Housing at CIN meetings.

ret("csc", "case-1", "2019-03-12", "Team manager, Assessment Team", [
    ("recognition-needs", "Yes - referral accepted within 2 days.", G, "26/09/2018."),
    ("recognition-history", "Yes - DA history known.", G, "26/09/2018."),
    ("assessment-timely", "No. Assessment completed 04/02/2019, well outside 45 working days (staffing).", IN,
     "26/09/2018 to 04/02/2019."),
    ("assessment-fathers", "Partly - Dean seen at home visits and engaged well.", RI, "25/10/2018."),
    ("planning-plan", "Yes - pre-birth CP plan, residential placement agreed by mum.", G, "13/02/2019."),
    ("planning-contingency", "Partially - to be agreed at core group once placement confirmed.", RI, "13/02/2019."),
    ("joint-working-meetings", "Yes - strategy and ICPC multi-agency.", G, "10/01/2019, 13/02/2019."),
    ("joint-working-sharing", "Yes.", G, None),
    ("voice-child", "Unborn.", None, None),
    ("oversight-supervision", "Yes - TM decisions recorded.", G, "02/10/2018, 08/01/2019."),
    ("impact-outcomes", "Plan in place.", G, None),
    ("good-practice", "Hospital referred early.", None, None),
    ("learning", None, None, None),
], RI)

ret("csc", "case-2", "2019-03-12", "Team manager, Safeguarding Team", [
    ("recognition-needs", "Partly - earlier contacts closed NFA.", RI, "08/11/2016, 20/06/2017."),
    ("recognition-history", "Partly.", RI, None),
    ("assessment-timely", "s47 completed; ICPC held.", G, "12/12/2018."),
    ("assessment-fathers", "No partner known.", None, None),
    ("planning-plan", "CP plan then legal planning; children safe with MGM.", G, "04/02/2019."),
    ("planning-contingency", "Yes - contingency agreed at legal planning meeting (foster care if MGM "
     "viability negative).", G, "04/02/2019."),
    ("joint-working-meetings", "Yes.", G, "12/12/2018."),
    ("joint-working-sharing", "Chronologies not available for ICPC.", RI, "12/12/2018."),
    ("voice-child", "Yes - children seen alone.", G, "20/11/2018."),
    ("oversight-supervision", "Yes.", G, "09/01/2019."),
    ("impact-outcomes", "Children safe with extended family.", G, "13/02/2019."),
    ("good-practice", "Robust plan now in place.", None, "13/02/2019."),
    ("learning", "Earlier legal planning.", None, None),
], RI)

ret("csc", "case-3", "2019-03-12", "Team manager, Assessment Team", [
    ("recognition-needs", "Yes once referred by Housing.", G, "30/08/2018."),
    ("recognition-history", "Yes.", G, None),
    ("assessment-timely", "Yes - completed in 33 working days.", G, "30/08/2018 to 15/10/2018."),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "s17 plan, supported lodgings.", G, "15/10/2018."),
    ("planning-contingency", "Callum has the duty number.", G, "10/12/2018."),
    ("joint-working-meetings", "Joint visit with Housing.", G, "04/10/2018."),
    ("joint-working-sharing", "Feedback to Housing.", G, "22/10/2018."),
    ("voice-child", "Yes - Callum's voice clearly recorded in his own words at every visit.", OUT,
     "05/09/2018, 12/09/2018, 04/10/2018, 19/11/2018."),
    ("oversight-supervision", "Assessment authorised by TM.", G, "15/10/2018."),
    ("impact-outcomes", "Callum settled in supported lodgings and at college.", G, "10/12/2018."),
    ("good-practice", "SW worked hard to engage Callum and understand his needs.", None, "12/09/2018."),
    ("learning", "MASH should not have signposted a 16-year-old to Housing in May 2018.", None, None),
], G)

ret("csc", "case-4", "2019-03-12", "Team manager, Assessment Team", [
    ("recognition-needs", "Yes.", G, "05/10/2018."),
    ("recognition-history", "Yes.", G, None),
    ("assessment-timely", "Yes - within 45 working days.", G, "05/10/2018 to 30/11/2018."),
    ("assessment-fathers", "Yes - Mark seen.", G, "22/11/2018."),
    ("planning-plan", "Step down to Early Help.", G, "30/11/2018."),
    ("planning-contingency", "N/A - Early Help lead.", None, None),
    ("joint-working-meetings", "N/A", None, None),
    ("joint-working-sharing", "Outcome letter to GP.", G, "03/12/2018."),
    ("voice-child", "Yes - both children seen alone and their views recorded.", OUT, "18/10/2018, 01/11/2018."),
    ("oversight-supervision", "TM authorised.", G, "30/11/2018."),
    ("impact-outcomes", "Parents understand the seriousness of the housing position.", G, "22/11/2018."),
    ("good-practice", "Good work with parents so they understand the seriousness of their situation.", None,
     "22/11/2018."),
    ("learning", None, None, None),
], G)

ret("csc", "case-5", "2019-03-12", "Duty team manager", [
    ("recognition-needs", "Contact on eviction day.", RI, "23/01/2019."),
    ("recognition-history", "No.", RI, None),
    ("assessment-timely", "Assessment now planned.", RI, "12/03/2019."),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "Referred to Early Help.", RI, "25/01/2019."),
    ("planning-contingency", "No.", RI, None),
    ("joint-working-meetings", "No.", RI, None),
    ("joint-working-sharing", "Called Housing back on the day.", G, "23/01/2019."),
    ("voice-child", "No.", IN, None),
    ("oversight-supervision", "Duty TM decision.", G, "25/01/2019."),
    ("impact-outcomes", "Family in temporary accommodation.", G, "23/01/2019."),
    ("good-practice", None, None, None),
    ("learning", "Housing Protocol awareness for duty staff.", None, None),
], RI)

ret("csc", "case-6", "2019-03-12", "Team manager, CIN Team", [
    ("recognition-needs", "Yes.", G, None),
    ("recognition-history", "Yes - CP history.", G, "18/10/2017."),
    ("assessment-timely", "Yes.", G, None),
    ("assessment-fathers", "Craig subject to non-molestation order.", G, "21/03/2018."),
    ("planning-plan", "Yes - CIN plan reviewed regularly.", G, "20/06/2018, 29/08/2018, 07/11/2018, 30/01/2019."),
    ("planning-contingency", "No specific contingency for eviction.", RI, None),
    ("joint-working-meetings", "Yes - Housing invited to CIN meetings and kept informed; all agencies attended.", G,
     "CIN minutes 20/06/2018, 29/08/2018, 07/11/2018, 30/01/2019."),
    ("joint-working-sharing", "Yes.", G, "27/03/2018."),
    ("voice-child", "Yes.", G, "20/06/2018, 18/02/2019."),
    ("oversight-supervision", "Yes - regular supervision.", G, "12/06/2018, 20/11/2018."),
    ("impact-outcomes", "Family safe out of county.", G, "18/02/2019."),
    ("good-practice", "Good communication historically.", None, "27/03/2018."),
    ("learning", None, None, None),
], G)

# ---------------------------------------------------------------------------------------------------------
# MASH (RI): the same narrative pasted into every return.

MASH_PASTE = ("Contact received into MASH and RAG rated within timescales. Appropriate checks completed and threshold "
              "applied in line with the Northshire Threshold Document. Decision recorded and outcome sent to referrer.")
MASH_OVERSIGHT = "Management oversight evident on all MASH decisions."


def mash_return(case: str) -> None:
    ret("mash", case, "2019-03-11", "MASH team manager", [
        ("recognition-needs", MASH_PASTE, G, "MASH record."),
        ("recognition-history", MASH_PASTE, G, "MASH record."),
        ("assessment-timely", MASH_PASTE, G, "MASH record."),
        ("assessment-fathers", "N/A", None, None),
        ("planning-plan", "N/A - MASH.", None, None),
        ("planning-contingency", "N/A - MASH.", None, None),
        ("joint-working-meetings", "N/A - MASH.", None, None),
        ("joint-working-sharing", MASH_PASTE, G, "MASH record."),
        ("voice-child", "Via referrer.", G, None),
        ("oversight-supervision", MASH_OVERSIGHT, G, "MASH record."),
        ("impact-outcomes", MASH_PASTE, G, None),
        ("good-practice", "Timely decisions.", None, None),
        ("learning", None, None, None),
    ], G)


for _case in ("case-1", "case-2", "case-3", "case-5"):
    mash_return(_case)

# ---------------------------------------------------------------------------------------------------------
# Early Help (RI): case 4 claims a contingency plan; cases share stock wording.

EH_STOCK = "Early Help Assessment completed with the family and a TAF plan agreed with SMART outcomes."
ret("early-help", "case-2", "2019-03-12", "Early Help team manager", [
    ("recognition-needs", "Yes.", G, "3 May 2018."),
    ("recognition-history", "Yes.", G, None),
    ("assessment-timely", EH_STOCK, G, "22 Oct 2018."),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", EH_STOCK, G, "5 Nov 2018."),
    ("planning-contingency", "Step-up to CSC.", G, "16 Nov 2018."),
    ("joint-working-meetings", "Yes - TAF with Housing.", G, "5 Nov 2018."),
    ("joint-working-sharing", "Yes.", G, None),
    ("voice-child", "Yes.", G, None),
    ("oversight-supervision", "Yes - EH manager.", G, "14 Nov 2018."),
    ("impact-outcomes", "Stepped up appropriately.", G, "16 Nov 2018."),
    ("good-practice", "Good relationship with mum.", None, None),
    ("learning", None, None, None),
], G)

ret("early-help", "case-4", "2019-03-12", "Early Help team manager", [
    ("recognition-needs", "Yes - allocated the day the Housing referral arrived.", G, "21 Jan 2019."),
    ("recognition-history", "Yes.", G, None),
    ("assessment-timely", EH_STOCK, G, "24 Jan 2019."),
    ("assessment-fathers", "Yes - Mark is main carer.", G, "24 Jan 2019."),
    ("planning-plan", EH_STOCK, G, "30 Jan 2019."),
    ("planning-contingency", "Yes - contingency plan in place should father be unable to continue caring: family "
     "and Adult Social Care support would be put in place.", G, "TAF 30 Jan 2019; home visit 13 Feb 2019."),
    ("joint-working-meetings", "Yes - Housing and school at TAF.", G, "30 Jan 2019."),
    ("joint-working-sharing", "Yes.", G, None),
    ("voice-child", "Yes - both children's views recorded.", OUT, "24 Jan 2019, 20 Feb 2019."),
    ("oversight-supervision", "Yes - EH manager.", G, "27 Feb 2019."),
    ("impact-outcomes", "Family engaging.", G, None),
    ("good-practice", "Children's voice well recorded.", None, "20 Feb 2019."),
    ("learning", None, None, None),
], G)

# ---------------------------------------------------------------------------------------------------------
# Mental health (RI): late, thin, claims feedback given.

ret("mental-health", "case-6", "2019-03-15", "Safeguarding practitioner", [
    ("recognition-needs", "Referral triaged.", G, "18/09/2018."),
    ("recognition-history", "N/A", None, None),
    ("assessment-timely", "Routine appointment offered.", G, None),
    ("assessment-fathers", "N/A", None, None),
    ("planning-plan", "Discharged following DNA.", None, None),
    ("planning-contingency", "N/A", None, None),
    ("joint-working-meetings", "N/A", None, None),
    ("joint-working-sharing", "Yes - outcome sent.", G, "30/10/2018."),
    ("voice-child", "N/A - adult service.", None, None),
    ("oversight-supervision", None, None, None),
    ("impact-outcomes", None, None, None),
    ("good-practice", None, None, None),
    ("learning", None, None, None),
], G)

# ---------------------------------------------------------------------------------------------------------
# Police (Inadequate): late, one-word answers, no grades.

def police_return(case: str) -> None:
    ret("police", case, "2019-03-20", "DS, MASH", [
        ("recognition-needs", "Yes", None, "PNC"),
        ("recognition-history", "Yes", None, "Niche"),
        ("assessment-timely", "N/A", None, None),
        ("assessment-fathers", "Yes", None, "Checks"),
        ("planning-plan", "N/A", None, None),
        ("planning-contingency", "N/A", None, None),
        ("joint-working-meetings", "Yes", None, "Strat"),
        ("joint-working-sharing", "Yes", None, "Niche"),
        ("voice-child", "N/A", None, None),
        ("oversight-supervision", "Yes", None, None),
        ("impact-outcomes", None, None, None),
        ("good-practice", None, None, None),
        ("learning", None, None, None),
    ], None)


for _case in ("case-1", "case-2", "case-6"):
    police_return(_case)

# ---------------------------------------------------------------------------------------------------------
# Manifest

CASES_A = [
    {
        "id": "case-1",
        "summary": "Pregnant mother and partner staying at partner's sister's flat; pre-birth CP plan; residential "
                   "placement agreed but not secured",
        "references": {"csc": "NCT-104233", "mash": "MASH-18-22871", "hv": "NCHT-HV-558120", "gp": "RMP-30417",
                       "egh": "EGH-M-771204", "police": "NP-ORG-4471"},
        "expected_agencies": ["csc", "mash", "hv", "gp", "egh", "police"],
        "children": [{"id": "c1-unborn", "unborn": True}],
        "pregnancy": {"mother": "c1-mother", "expected_delivery": "2019-04-20"},
        "adults": [
            {"id": "c1-mother", "role": "mother", "name": "Kayleigh", "lives_with_child": True, "aliases": ["K", "mum"]},
            {"id": "c1-father", "role": "father", "name": "Dean", "lives_with_child": True,
             "aliases": ["D", "dad", "FOB"]},
            {"id": "c1-aunt", "role": "paternal aunt (householder)", "lives_with_child": True,
             "aliases": ["Dean's sister", "aunt"]},
        ],
        "plans": [{"type": "pre_birth", "child": "c1-unborn", "start": "2019-02-13"}],
    },
    {
        "id": "case-2",
        "summary": "Mother and three children in B&B; neglect; mother left the area in labour; children now with "
                   "maternal grandmother",
        "references": {"csc": "NCT-098812", "mash": "MASH-18-20410", "hv": "NCHT-HV-412907", "gp": "RMP-28833",
                       "housing": "HO/2018/0342", "early-help": "EH-18-3305", "midwifery": "NGH-MAT-60218",
                       "police": "NP-ORG-3920"},
        "expected_agencies": ["csc", "mash", "hv", "gp", "midwifery", "early-help", "housing", "police",
                              "brookfield"],
        "children": [
            {"id": "c2-a", "name": "Mia", "date_of_birth": "2010-09-03"},
            {"id": "c2-b", "name": "Riley", "date_of_birth": "2012-07-19"},
            {"id": "c2-c", "name": "Alfie", "date_of_birth": "2016-04-18"},
            {"id": "c2-d", "date_of_birth": "2019-01-26"},
        ],
        "pregnancy": {"mother": "c2-mother", "expected_delivery": "2019-02-08", "born": "2019-01-26"},
        "adults": [
            {"id": "c2-mother", "role": "mother", "name": "Jade", "lives_with_child": True, "aliases": ["mum"]},
            {"id": "c2-partner", "role": "partner", "name": "Lee", "lives_with_child": False},
            {"id": "c2-mgm", "role": "maternal grandmother", "name": "Carol", "lives_with_child": True,
             "aliases": ["MGM", "Nan"]},
        ],
        "plans": [
            {"type": "early_help", "child": None, "start": "2018-10-15", "end": "2018-12-12"},
            {"type": "child_protection", "child": "c2-a", "start": "2018-12-12"},
            {"type": "child_protection", "child": "c2-b", "start": "2018-12-12"},
            {"type": "child_protection", "child": "c2-c", "start": "2018-12-12"},
        ],
    },
    {
        "id": "case-3",
        "summary": "16-year-old presenting as homeless (sofa-surfing); placed in an adult hostel under housing duty",
        "references": {"csc": "NCT-110547", "mash": "MASH-18-14022", "housing": "HO/2018/1876",
                       "northfield-academy": "NA-Y11-0457"},
        "expected_agencies": ["csc", "mash", "housing", "northfield-academy"],
        "children": [{"id": "c3-yp", "name": "Callum", "date_of_birth": "2001-11-10"}],
        "adults": [{"id": "c3-mother", "role": "mother", "lives_with_child": False, "aliases": ["mum"]}],
        "plans": [{"type": "child_in_need", "child": "c3-yp", "start": "2018-10-15", "end": "2018-12-10"}],
    },
    {
        "id": "case-4",
        "summary": "Two children; mother with complex health needs, father main carer; possession order, bailiffs "
                   "booked 04/04/2019; Early Help",
        "references": {"csc": "NCT-112960", "housing": "NBC-T-30021874", "early-help": "EH-19-0412",
                       "gp": "RMP-17702", "brookfield": "BPS-2019-044"},
        "expected_agencies": ["csc", "housing", "early-help", "gp", "brookfield"],
        "children": [
            {"id": "c4-a", "name": "Ellie", "date_of_birth": "2009-10-02"},
            {"id": "c4-b", "name": "Josh", "date_of_birth": "2011-08-15"},
        ],
        "adults": [
            {"id": "c4-mother", "role": "mother", "name": "Donna", "lives_with_child": True, "aliases": ["mum"]},
            {"id": "c4-father", "role": "father", "name": "Mark", "lives_with_child": True, "aliases": ["dad"]},
        ],
        "plans": [{"type": "early_help", "child": None, "start": "2019-01-24"}],
    },
    {
        "id": "case-5",
        "summary": "Two children with health needs; four Housing referrals to MASH signposted; evicted 23/01/2019, "
                   "now in temporary accommodation",
        "references": {"housing": "HO/2018/0977", "mash": "MASH-18-15530", "ngh": "NGH-P-330981",
                       "csc": "NCT-118802", "hv": "NCHT-HV-none"},
        "expected_agencies": ["housing", "mash", "ngh", "csc", "hv"],
        "children": [
            {"id": "c5-a", "name": "Kai", "date_of_birth": "2011-05-21"},
            {"id": "c5-b", "name": "Ruby", "date_of_birth": "2015-09-14"},
        ],
        "adults": [{"id": "c5-mother", "role": "mother", "name": "Chantelle", "lives_with_child": True,
                    "aliases": ["mum"]}],
        "plans": [{"type": "none", "child": None, "start": "2018-04-04"}],
    },
    {
        "id": "case-6",
        "summary": "Two children on CIN plan (after CP for domestic abuse); NTQ/s21, evicted 14/01/2019; now out of "
                   "county",
        "references": {"csc": "NCT-091174", "housing": "HO/2018/2231", "mental-health": "NMH-SPA-55310",
                       "northfield-academy": "NA-Y7-1120", "police": "NP-ORG-2877", "brookfield": "BPS-2018-117"},
        "expected_agencies": ["csc", "housing", "mental-health", "northfield-academy", "police", "brookfield"],
        "children": [
            {"id": "c6-a", "name": "Tyler", "date_of_birth": "2006-06-08"},
            {"id": "c6-b", "name": "Grace", "date_of_birth": "2012-10-22"},
        ],
        "adults": [
            {"id": "c6-mother", "role": "mother", "name": "Leanne", "lives_with_child": True, "aliases": ["mum"]},
            {"id": "c6-expartner", "role": "mother's ex-partner", "name": "Craig", "lives_with_child": False},
        ],
        "plans": [
            {"type": "child_protection", "child": "c6-a", "start": "2017-10-18", "end": "2018-05-09"},
            {"type": "child_protection", "child": "c6-b", "start": "2017-10-18", "end": "2018-05-09"},
            {"type": "child_in_need", "child": "c6-a", "start": "2018-05-09"},
            {"type": "child_in_need", "child": "c6-b", "start": "2018-05-09"},
        ],
    },
]

AGENCY_IDS_A = ["csc", "mash", "early-help", "police", "hv", "midwifery", "gp", "egh", "ngh", "housing", "brookfield",
                "northfield-academy", "mental-health"]


def _chron_entries() -> list[dict]:
    out = []
    for spec in CHRON_A:
        e = {"file": spec["file"], "agency": spec["agency"]}
        if spec.get("case"):
            e["case"] = spec["case"]
        if spec.get("columns"):
            e["columns"] = spec["columns"]
        out.append(e)
    out.append({"file": GP_XLSX["file"], "agency": "gp", "sheet": GP_XLSX["sheet"]})
    return out


def _return_entries() -> list[dict]:
    out = []
    for r in RETURNS_A:
        ext = "xlsx" if r["xlsx"] else "yaml"
        out.append({"file": f"returns/{r['agency']}-{r['case']}.{ext}", "agency": r["agency"], "case": r["case"],
                    "submitted": r["submitted"]})
    return out


def _none_child(plan: dict) -> dict:
    return {k: v for k, v in plan.items() if v is not None}


for _c in CASES_A:
    _c["plans"] = [_none_child(p) for p in _c["plans"] if p["type"] != "none"]

MANIFEST_A = {
    "audit": {
        "id": "maca-2019-homelessness",
        "title": "Multi-agency case audit — homelessness",
        "theme": "homelessness",
        "partnership": "Northshire Safeguarding Children Partnership",
        "meeting_date": "2019-03-26",
        "submission_deadline": "2019-03-12",
        "period": {"start": "2018-03-01", "end": "2019-02-28"},
    },
    "agencies": agencies(AGENCY_IDS_A),
    "cases": CASES_A,
    "submissions": {"chronologies": _chron_entries(), "returns": _return_entries()},
}

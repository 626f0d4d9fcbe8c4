"""Bundle A (samples/homelessness): every agency's chronology, as the agency wrote it.

Cases (numbered as in the briefing):
  case-1  pregnant mother (EDD 20/04/2019) + father, staying at father's sister's flat; pre-birth CP plan
  case-2  mother + three children in B&B, neglect; mother pregnant, left the area in labour
  case-3  16-year-old presenting as homeless (sofa-surfing)
  case-4  two children, mother with complex health needs, father main carer; possession order, bailiffs 04/04/2019
  case-5  two children with health needs; four Housing referrals to MASH; evicted 23/01/2019, now in TA
  case-6  CIN plan, two children; NTQ/s21, evicted 14/01/2019, now out of county

Row order in each list is row order in the file (header = row 1).
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------------
# Children's Social Care: one file per case (no Case column). Header wording differs between teams.

CSC_HEAD = ["Date of event", "Source", "Event", "Impact on child", "Action/outcome"]

CSC_1 = [
    ("26/09/2018", "MASH SW",
     "Referral rec'd via MASH from EGH safeguarding midwife (rec'd 24/09). Kayleigh 10+ wks pregnant. Hx of DA "
     "with partner Dean (2 police call-outs 2017). Family homeless - staying at Dean's sister's 2-bed flat. "
     "MASH decision: threshold met, pre-birth single assessment.",
     "Unborn - DA history, no stable home, mum's low mood", "Transferred to Assessment Team"),
    ("02/10/2018", "TM",
     "Management decision: allocated to SW for pre-birth single assessment. 45 working day timescale.",
     "", "SW to visit within 10 wd"),
    ("15/10/2018", "SW", "Home visit to aunt's address - no reply. Card left.", "", "Re-arrange"),
    ("25/10/2018", "SW",
     "Home visit. Kayleigh and Dean seen at Dean's sister's flat. 7 people in 2-bed flat, K & D sleep on sofa "
     "in lounge. Dean engaged well, polite, says he wants 'to do it right this time'. K quiet, says she is "
     "'fine' and does not want 'social services in my business'.",
     "Overcrowded, no space or cot for baby", "SW to request info from GP and midwife"),
    ("21/11/2018", "SW", "Tel call to K to arrange visit - no answer. Text sent.", "", ""),
    ("05/12/2018", "SW",
     "Home visit. Observed a machete and 2 large kitchen knives pushed under the sofa cushions in the lounge "
     "where K & D sleep. Aunt said they are Dean's. Dean said they are 'for protection' as 'people are after "
     "me'. Asked Dean to remove them from the property.",
     "Weapons in the home the unborn baby will live in - risk of serious harm", "SW to discuss with TM"),
    ("08/01/2019", "TM",
     "Case discussion with SW: assessment out of timescale (referral 26/09/18). Complete assessment urgently "
     "and request medical records. Convene pre-birth strategy discussion.",
     "", "SW to request GP records this week"),
    ("10/01/2019", "SW",
     "Pre-birth strategy discussion (tel). Present: SW, TM, EGH safeguarding midwife, police (MASH). "
     "s47 enquiry agreed; pre-birth ICPC to be requested.",
     "Unborn likely to suffer significant harm", "s47 commenced"),
    ("22/01/2019", "SW",
     "Urgent request to Riverside Medical Practice for K's medical records - assessment due. K has not "
     "signed consent form.", "", "GP to seek consent"),
    ("04/02/2019", "SW/TM",
     "Pre-birth single assessment completed and authorised (referral 26/09/2018). Focus on K's mental health "
     "and DA history. Little known about Dean's background.",
     "High risk", "Pre-birth ICPC requested"),
    ("13/02/2019", "IRO",
     "Pre-birth ICPC. Present: SW, TM, IRO, EGH midwife, mum, dad. Report from GP. Apologies: HV (no report). "
     "Unborn made subject of CP plan (emotional abuse). Mum agreed to a residential mother and baby placement - "
     "referral to Hollybank Family Assessment Centre. Placement not yet secured. No contingency plan agreed at "
     "this time.",
     "Plan depends on mum going to placement", "First core group within 10 wd; SW to progress funding"),
    ("20/02/2019", "SW",
     "Resources panel: residential placement deferred pending further information.",
     "Delay - mum 31+ wks pregnant", "Resubmit to panel 06/03/2019"),
    ("22/02/2019", "SW",
     "Core group. Present: SW, EGH midwife, mum, dad. HV invited - did not attend. Mum says she will go to "
     "Hollybank 'as long as it's near Dean'.", "", "SW to chase placement"),
    ("27/02/2019", "SW",
     "Dean's sister told SW her landlord has served her with a s21 notice expiring 30/04/2019 - whole household "
     "will have to leave. K & D say they have nowhere else to go.",
     "Family will lose their accommodation around the birth", "SW to discuss housing with K & D at next visit"),
    ("06/03/2019", "SW",
     "Resources panel: residential placement agreed in principle. No vacancy at Hollybank until mid-April. "
     "Placement not secured.", "Baby due 20/04/2019", "SW to look for other units"),
    ("13/03/2019", "SW", "Home visit - no access. Dean answered door, said K at her mum's.", "", ""),
    ("19/03/2019", "SW",
     "Core group. Present: SW, EGH midwife, mum. Residential placement still not confirmed. Mum says she might "
     "'just have the baby at my mum's in Westmarsh' (out of county). No contingency discussed.",
     "Risk baby born out of county with no plan in place", "SW to update TM"),
]

CSC_2 = [
    ("08/11/2016", "Duty SW",
     "Contact from Brookfield Primary - Mia and Riley unkempt, hungry. Advice given to school. NFA.", "", "NFA"),
    ("20/06/2017", "Duty SW",
     "Contact from HV - poor home conditions at previous address. Advice, NFA.", "", "NFA"),
    ("16/11/2018", "MASH",
     "Referral from Early Help (step-up): family in B&B since 03/18, room dirty, Alfie (2) in soiled nappy, no "
     "food, older children wetting and soiling, several WNB.", "Cumulative neglect", "Strategy discussion"),
    ("19/11/2018", "TM",
     "Strategy discussion. Present: SW, TM, police, HV. s47 enquiry agreed - neglect.", "", "s47"),
    ("20/11/2018", "SW",
     "Visit to Brookfield Primary - Mia (8) and Riley (6) seen alone. Mia said she worries about Alfie 'because "
     "mummy leaves him in the cot and he cries and cries'. Riley said 'nobody gives Alfie his dinner when mummy "
     "goes out'.", "Children worried about their little brother", ""),
    ("22/11/2018", "SW",
     "Home visit B&B. One room for mum and 3 children. Dirty nappies on floor, no food, mattress wet. Alfie "
     "in cot, nappy soaked. Jade apologetic, agreed to clean room and get food in.",
     "Neglect - basic care not met", "Jade to tidy room, SW to revisit"),
    ("12/12/2018", "IRO",
     "ICPC. Present: IRO, SW, TM, HV, EH worker, Brookfield DSL, mum. Multi-agency chronologies not available "
     "for conference - SW chronology not completed and partner agencies not asked for theirs. Children made "
     "subject of CP plans (neglect). Mum agreed with all actions.",
     "Conference decision made without the family history", "Core group 19/12"),
    ("19/12/2018", "SW",
     "Core group. Present: SW, HV, EH worker, school, mum. Mum agreed to take Alfie to 2-yr check and Mia and "
     "Riley to continence clinic. Mia and Riley still wetting and soiling - emotional impact discussed, no "
     "specific support plan agreed.", "", "Mum to book appointments"),
    ("03/01/2019", "SW", "Statutory visit to B&B - no access.", "", "Card left"),
    ("09/01/2019", "TM",
     "Supervision: CP plan progress limited, mum not engaging between meetings. Discussed legal gateway - "
     "decision to continue under CP plan for now.", "", "Review at RCPC"),
    ("10/01/2019", "SW", "Statutory visit cancelled by mum by text - 'at my mum's'.", "", ""),
    ("16/01/2019", "SW",
     "Core group. Present: SW, HV, school. Mum did not attend. HV reports further WNB and no access.",
     "Non-engagement", "SW to visit unannounced"),
    ("25/01/2019", "EDT",
     "Police call 22:40: Mia, Riley and Alfie found alone in B&B room. Mum had gone to Westmarsh (out of "
     "county) and was in labour. Police took children to maternal grandmother Carol's home.",
     "Children left alone - significant harm", "Children stay with MGM; day team to follow up"),
    ("28/01/2019", "SW",
     "Visit to MGM. All three children seen. Mia: 'I like it at Nan's, there's a proper bed and Alfie doesn't "
     "cry'. Jade gave birth 26/01/2019 in Westmarsh.", "Children safe with extended family", "Viability assessment"),
    ("04/02/2019", "TM",
     "Legal planning meeting: children to remain with MGM, viability assessment of MGM, PLO letter to mum. "
     "Contingency plan: if MGM viability is negative or MGM can no longer care, children to foster care and "
     "application for interim care order.", "", "PLO"),
    ("13/02/2019", "SW",
     "Core group. Present: SW, HV, school, MGM, EH worker. Robust plan agreed; children settled at MGM's, "
     "school attendance improved.", "Children known to be safe", ""),
    ("05/03/2019", "TM", "Supervision: MGM viability assessment positive; plan for children to remain with MGM.",
     "", "RCPC 13/03/2019"),
]

CSC_3 = [
    ("30/08/2018", "TM",
     "Referral from Housing Options under 16-17 Joint Housing Protocol rec'd via MASH. Callum (16) in Station "
     "House hostel under housing duty since 14/05/2018. Allocated for single assessment.",
     "16-yr-old living in adult hostel for 15 wks", "Allocate SW"),
    ("05/09/2018", "SW",
     "Visit at hostel - Callum seen alone. C said 'I just want somewhere I can shut the door and feel safe. Me "
     "and mum just argue all the time.' Showed me his room; no food in cupboard.",
     "C's own words recorded; C feels unsafe in hostel", "Food parcel; see C again next week"),
    ("12/09/2018", "SW",
     "Met C at the cafe he chose. Talked about college, money, friends. C said 'nobody asked me what I wanted "
     "until now'. Wants to stay near his friends.", "", "Explore supported lodgings"),
    ("24/09/2018", "SW", "Home visit to mum. Mum says C cannot return home; relationship broken down.", "", ""),
    ("04/10/2018", "SW",
     "Joint visit with Housing officer at hostel. C's wishes: stay local, near college and friends; does not "
     "want foster care. C wrote his own 'what matters to me' list.", "", ""),
    ("15/10/2018", "SW/TM",
     "Single assessment completed and authorised. C told of his right to be accommodated under s20 and what it "
     "would mean - C declined, wants supported lodgings. Advocacy offered and accepted. Contingency: if the "
     "lodgings break down, Housing to give emergency accommodation the same day and SW to offer s20 again.", "",
     "s17 support plan"),
    ("12/11/2018", "TM", "Supervision: s17 plan on track, supported lodgings start 19/11/2018.", "", ""),
    ("19/11/2018", "SW",
     "C moved to supported lodgings. C said 'it's the first time I've had my own key'.", "C settled", ""),
    ("10/12/2018", "SW",
     "Review visit - C enrolled at college, attending. Case closed with C's agreement; he has SW's duty number.",
     "", "Closed"),
]

CSC_4 = [
    ("05/10/2018", "MASH",
     "Contact from GP: Donna's MS deteriorating, Mark (main carer) exhausted, rent arrears. Consent given. "
     "Threshold: single assessment.", "", "Allocate"),
    ("10/10/2018", "TM", "Allocated for single assessment. 45 wd timescale.", "", ""),
    ("18/10/2018", "SW",
     "Home visit. Ellie (9) and Josh (7) seen together and on their own. Ellie: 'Dad does everything, sometimes "
     "I help with Mum's tablets'. Josh: 'I like football club and my bedroom'.",
     "Ellie may be a young carer", "Young carers referral"),
    ("01/11/2018", "SW",
     "Visit at Brookfield Primary - children seen alone. Ellie worried about Mum being in hospital again.",
     "", ""),
    ("22/11/2018", "SW",
     "Home visit with Mark and Donna - explained how serious the arrears and possession hearing are. Mark "
     "'understands now' and agreed to see money advice.", "", ""),
    ("30/11/2018", "SW/TM",
     "Single assessment completed and authorised. Outcome: step down to Early Help; young carer support for "
     "Ellie.", "Children well cared for but family under strain", "Step down to EH"),
    ("03/12/2018", "SW", "Outcome letter sent to GP (referrer).", "", ""),
]

CSC_5 = [
    ("23/01/2019", "Duty SW",
     "Four voicemails from Housing Options between 09:50 and 12:30 - family being evicted today.", "", ""),
    ("23/01/2019", "Duty SW",
     "13:15 call back to housing officer. Family evicted 09:30 by bailiffs. Agreed Housing to offer temporary "
     "accommodation; duty SW to phone mum.", "", ""),
    ("23/01/2019", "Duty SW",
     "Spoke to Chantelle by phone - children with her at her sister's. Accepted temporary accommodation "
     "offered by Housing (Harbour Court).", "Children have a roof tonight", "Contact recorded"),
    ("25/01/2019", "Duty TM",
     "Management decision: refer to Early Help for support in temporary accommodation; NFA by CSC.", "", "NFA"),
    ("12/03/2019", "Duty TM",
     "Escalation rec'd from NCHT safeguarding team (via MACA). Case reviewed: single assessment to be "
     "undertaken.", "", "Allocate"),
]

CSC6_HEAD = ["Date", "Recorded by", "Event", "Significance", "Outcome"]
CSC_6 = [
    ("18/10/2017", "IRO",
     "ICPC. Present: SW, police, Brookfield DSL, Northfield Academy, HV, mum. Tyler and Grace subject to CP "
     "plans (emotional harm - domestic abuse by mum's ex-partner Craig).", "", "CP plan"),
    ("21/03/2018", "SW",
     "Core group. Present: SW, mum, Brookfield DSL, Northfield Academy, HV. No contact from Craig since "
     "Dec 2017 (non-molestation order). Good progress; good info sharing between school and SW.",
     "Children calmer", ""),
    ("27/03/2018", "SW",
     "Housing officer phoned re rent arrears after UC change. Good conversation; agreed to share info and keep "
     "each other updated.", "", "Joint working agreed"),
    ("18/04/2018", "SW", "Core group. Present: SW, mum, Brookfield DSL, Northfield Academy.", "", ""),
    ("09/05/2018", "IRO",
     "RCPC. Present: IRO, SW, mum, Brookfield DSL, Northfield Academy, HV. CP plans ended - step down to CIN.",
     "", "CIN plan"),
    ("12/06/2018", "TM", "Supervision: CIN plan reviewed, 4-weekly visits agreed.", "", ""),
    ("20/06/2018", "SW",
     "CIN meeting. Present: SW, mum, Brookfield DSL, Northfield Academy. Tyler: 'it's calmer now'. Grace drew "
     "her family.", "", ""),
    ("31/07/2018", "SW",
     "Mum told SW her landlord has served a notice to quit (s21), expires 30/09/2018.", "Risk of homelessness",
     "Mum already in touch with housing officer"),
    ("29/08/2018", "SW",
     "CIN meeting. Present: SW, mum, Brookfield, Northfield Academy. Tenancy discussed - mum 'dealing with it'.",
     "", ""),
    ("10/10/2018", "SW",
     "Home visit. Mum low, tearful. Says housing officer referred her to mental health, has heard nothing.",
     "", ""),
    ("07/11/2018", "SW",
     "CIN meeting. Present: SW, mum, Northfield Academy. Apologies Brookfield. Possession hearing 20/11 discussed.",
     "", ""),
    ("20/11/2018", "TM", "Supervision: CIN continues. SW to liaise with housing.", "", ""),
    ("09/01/2019", "SW", "Mum phoned: bailiffs booked for Monday 14/01.", "", "SW to tell TM"),
    ("14/01/2019", "Duty SW",
     "Eviction day. Housing officer rang duty four times asking for CSC help with accommodation. Advised this is "
     "a housing matter. Family to B&B late afternoon.", "Crisis for children", ""),
    ("30/01/2019", "SW",
     "CIN meeting. Present: SW, mum, Brookfield DSL, Northfield Academy. Family in B&B.", "", ""),
    ("18/02/2019", "SW",
     "Family moved to accommodation in Westmarsh (out of county). Children safe and settled. Tyler: 'I've got "
     "my own room'. Grace happy.", "Family safe", "Transfer to Westmarsh CSC"),
    ("12/03/2019", "TM", "Supervision: transfer-in request sent to Westmarsh.", "", ""),
]

# ---------------------------------------------------------------------------------------------------------
# MASH: one file, all cases. Date with time.

MASH_HEAD = ["Case ref", "Date/time", "Worker", "Details", "Outcome"]
MASH = [
    ("case-1", "24/09/2018 14:20", "MASH admin",
     "Contact rec'd from EGH safeguarding midwife re unborn - mum booked 10+2 wks, DA hx, homeless (staying "
     "with partner's sister).", "Passed to MASH SW"),
    ("case-1", "26/09/2018 11:05", "MASH SW",
     "Mum's history reviewed: CSC contact 2017 (DA notification, NFA). Decision: threshold met for single "
     "assessment.", "Transferred to Assessment Team"),
    ("case-1", "27/09/2018 09:30", "MASH admin", "Outcome emailed to EGH safeguarding midwife.", "Feedback sent"),
    ("case-2", "09/03/2018 10:40", "MASH admin",
     "Notification from Housing: mum and 3 children placed in B&B.", "Info only - NFA, signposted to Early Help"),
    ("case-2", "04/05/2018 13:15", "MASH SW",
     "Contact from Brookfield Primary: Mia and Riley soiling, poor hygiene, family in B&B.",
     "Signposted to Early Help - EH referral"),
    ("case-2", "16/11/2018 16:00", "MASH SW", "Step-up referral from Early Help.", "Threshold met - strategy discussion"),
    ("case-3", "09/05/2018 11:20", "MASH SW",
     "Contact from Northfield Academy: Callum (16) sofa-surfing with friends 2 wks after row with mum.",
     "Signposted to Housing Options - NFA"),
    ("case-3", "29/08/2018 10:00", "MASH SW",
     "Referral from Housing Options under 16-17 protocol.", "Threshold met - single assessment"),
    ("case-5", "04/04/2018 15:10", "MASH admin",
     "Contact from Housing Options: family threatened with homelessness (s21), children have health needs.",
     "To EH MASH"),
    ("case-5", "18/04/2018 12:00", "EH MASH",
     "Tried to call mum x2 - no answer. Early Help info leaflet posted.", "Closed - signposted, NFA"),
    ("case-5", "02/07/2018 09:45", "MASH admin", "Contact #2 from Housing Options - s21 expired, proceedings.",
     "To EH MASH"),
    ("case-5", "05/07/2018 14:30", "EH MASH", "Mum not contactable - number not recognised.",
     "Closed - signposted, NFA"),
    ("case-5", "24/09/2018 11:10", "MASH admin", "Contact #3 from Housing Options - possession hearing listed.",
     "To EH MASH"),
    ("case-5", "27/09/2018 15:40", "EH MASH", "Unable to contact mum x3. Letter sent.", "Closed - NFA"),
    ("case-5", "03/12/2018 10:25", "MASH admin", "Contact #4 from Housing Options - possession order made.",
     "To EH MASH"),
    ("case-5", "05/12/2018 16:05", "EH MASH", "Early Help leaflet posted to mum.", "Signposted - NFA"),
    ("case-5", "23/01/2019 12:45", "MASH admin",
     "Calls from Housing Options re family evicted today - passed to CSC duty team.", "Passed to duty"),
]

# ---------------------------------------------------------------------------------------------------------
# Health visiting / school nursing: one file, all cases.

HV_HEAD = ["Case", "Date", "Recorded by", "Entry", "Significance", "Outcome"]
HV = [
    ("case-1", "05/10/2018", "HV admin",
     "Notification of pregnancy from EGH maternity - EDD 20/04/2019. Address c/o partner's sister.", "",
     "Allocated to HV"),
    ("case-1", "20/11/2018", "HV",
     "Notification from MASH: pre-birth assessment under way. Family vulnerable - Universal Partnership Plus.",
     "High risk - targeted antenatal contact needed", "Plan antenatal visit at 28 wks"),
    ("case-1", "24/01/2019", "HV", "Tel to Kayleigh to book antenatal contact - no answer. Text sent.", "", ""),
    ("case-1", "28/01/2019", "HV",
     "Antenatal contact booked for today - cancelled by mum by text ('at hospital').",
     "Antenatal contact not done at 28 wks", "Rebook"),
    ("case-1", "11/02/2019", "HV",
     "Antenatal home visit - no access. Dean's sister said K was 'out'. Card left.",
     "30+2 wks - still no antenatal contact", "Discuss in safeguarding supervision"),
    ("case-1", "13/02/2019", "HV",
     "Invite to pre-birth ICPC rec'd same morning - unable to attend (clinic), no report sent.", "", ""),
    ("case-1", "01/03/2019", "HV",
     "Safeguarding supervision: case discussed. Non-engagement to be escalated to SW.", "", "Email SW"),
    ("case-1", "08/03/2019", "HV", "Antenatal visit rebooked for today - cancelled by mum ('moving soon').", "",
     "Rebook 22/03"),
    ("case-1", "22/03/2019", "HV", "Antenatal home visit - no access.", "", ""),
    ("case-2", "02/05/2018", "HV", "Alfie 2-yr review - home visit to B&B, no access.", "", "Letter sent"),
    ("case-2", "20/06/2018", "HV", "Alfie WNB 2-yr review clinic.", "", "Rebooked"),
    ("case-2", "17/08/2018", "HV",
     "Home visit B&B - Alfie seen. Limited words for age; room cramped, Alfie shares bed with mum. Jade "
     "engaging, says she 'will take him to clinic'.", "Speech delay; overcrowding", "Refer to S&L drop-in"),
    ("case-2", "26/09/2018", "HV", "Alfie WNB speech and language drop-in.", "", "Letter to mum"),
    ("case-2", "12/10/2018", "HV", "Riverside practice MDT attended - family discussed.", "", "HV to visit"),
    ("case-2", "22/11/2018", "HV",
     "Antenatal contact at B&B (29 wks). Jade engaged well, agreed to all advice incl. safe sleep, will bring "
     "Alfie to clinic.", "", "Plan new birth visit"),
    ("case-2", "19/12/2018", "HV", "Core group attended.", "", ""),
    ("case-2", "08/01/2019", "HV", "Home visit B&B - no access.", "", ""),
    ("case-2", "16/01/2019", "HV", "Core group attended - reported WNB and no access.", "", ""),
    ("case-5", "05/03/2019", "HV team leader",
     "MACA request rec'd. Family not known to HV or school nursing. Ruby (3) not registered with the HV "
     "service since moving into Northshire in 2017.", "Child under 5 unknown to universal service",
     "Escalated to named nurse same day"),
    ("case-5", "06/03/2019", "Named nurse",
     "Records transfer requested from previous area; HV allocated; safeguarding contact made to MASH.", "",
     "Plan for children requested"),
    ("case-5", "08/03/2019", "HV",
     "Home visit at temporary accommodation. Ruby seen with mum; Kai at school. Mum welcomed support.",
     "", "Development review overdue - booked"),
]

# ---------------------------------------------------------------------------------------------------------
# GP (Riverside Medical Practice): XLSX with a title row; written by make_xlsx.py from these rows.

GP_TITLE = "Riverside Medical Practice — safeguarding chronology for MACA (homelessness) — CONFIDENTIAL"
GP_HEAD = ["Case", "Date", "Source", "Event", "Impact", "Action"]
GP = [
    ("case-1", "12/06/2017", "GP",
     "Kayleigh seen - low mood, anxiety. Disclosed arguments with partner, 'he gets in my face'. Sertraline "
     "started.", "Historic MH and DA", "DA helpline leaflet; review 4/52"),
    ("case-1", "21/09/2018", "GP",
     "K seen - positive pregnancy test, approx 9/40. Living with partner at his sister's flat, 'no fixed "
     "address'.", "Housing instability in pregnancy", "Referred to EGH maternity; housing coded on record"),
    ("case-1", "28/09/2018", "GP safeguarding lead",
     "Information request from MASH - K's MH history and 2017 DA disclosure shared same day.", "", "Sent within 24h"),
    ("case-1", "16/11/2018", "GP",
     "K seen - anxiety worse, poor sleep, worried about housing. PHQ-9 14.", "Maternal MH risk for unborn",
     "Perinatal MH referral discussed - K declined; review 2/52"),
    ("case-1", "23/01/2019", "Practice manager",
     "Urgent request from SW for K's full records for pre-birth assessment 'due this week'. No signed consent "
     "on file.", "Rush to share; consent needed", "Called K x3 today - no answer"),
    ("case-1", "24/01/2019", "GP safeguarding lead",
     "Called K x2, letter and text sent. Called SW to explain consent position and offered a summary of "
     "safeguarding-relevant information in the meantime.", "", "Summary offered"),
    ("case-1", "29/01/2019", "GP",
     "K attended after our texts. Consent explained and signed. Records summary sent to SW same day.",
     "Relationship with K kept", "Records shared"),
    ("case-1", "11/02/2019", "GP", "Report for pre-birth ICPC sent. Unable to attend (surgery).", "", "Report sent"),
    ("case-1", "05/03/2019", "GP safeguarding lead",
     "Practice safeguarding MDT (GP lead, practice nurse; HV invited, did not attend). K discussed - HV unable "
     "to gain access.", "Concern re non-engagement with HV", "Encourage HV contact at next appointment"),
    ("case-2", "17/04/2018", "Practice nurse", "Alfie WNB - catch-up immunisations.", "", "Recall letter"),
    ("case-2", "22/05/2018", "GP",
     "Mia and Riley seen with mum: night-time wetting and daytime soiling. Family in B&B since March.",
     "Possible emotional cause - housing stress", "Referred to paediatric continence clinic"),
    ("case-2", "12/06/2018", "Practice nurse", "Alfie WNB - catch-up immunisations (2nd).", "", "Recall letter 2"),
    ("case-2", "10/07/2018", "GP admin", "Continence clinic letter: Mia and Riley WNB.", "", "Filed"),
    ("case-2", "11/09/2018", "GP admin",
     "Continence clinic: Mia and Riley WNB again - discharged back to GP.", "", "Filed"),
    ("case-2", "12/10/2018", "GP safeguarding lead",
     "Practice MDT (GP lead, practice nurse, HV): WNB pattern and B&B discussed. HV to offer home visit, practice "
     "nurse to offer immunisations opportunistically.", "", "Actions agreed"),
    ("case-2", "04/12/2018", "Practice nurse", "Alfie WNB - catch-up immunisations (3rd).", "", "Recall letter"),
    ("case-2", "07/01/2019", "GP safeguarding lead",
     "MDT review: children now on CP plans. WNB list sent to SW.", "", "Shared with SW"),
    ("case-2", "28/01/2019", "GP admin",
     "Notification from Westmarsh maternity: Jade delivered baby girl 26/01/2019. Children now living with MGM.",
     "", "Records updated"),
    ("case-4", "03/10/2018", "GP",
     "Donna reviewed - MS relapse, reduced mobility. Mark (main carer) exhausted, rent arrears. Concern about "
     "children's care.", "Children may be caring", "Referral to MASH with consent; carer's assessment request to ASC"),
    ("case-4", "03/12/2018", "GP admin",
     "Outcome letter from CSC: assessment complete, step down to Early Help.", "", "Filed; GP aware"),
    ("case-4", "18/02/2019", "GP",
     "Mark seen - low mood, stress about possible eviction, 'thinking of leaving for a bit'.",
     "Children's main carer may leave", "Advised; shared with EH worker with consent"),
    ("case-4", "19/03/2019", "GP", "Donna - urgent care package review requested from ASC.", "", "Request sent"),
]

# ---------------------------------------------------------------------------------------------------------
# Eastbridge General Hospital: case 1 only.

EGH_HEAD = ["Date", "Source of information", "Significant event", "Impact on the child", "Action taken/outcome"]
EGH_1 = [
    ("24/09/2018", "Safeguarding midwife",
     "Booking at 10+2 wks, EDD 20/04/2019. K disclosed DA from partner Dean in 2017; currently staying at Dean's "
     "sister's flat - 'sofa in the lounge'. Low mood.",
     "Unborn at risk - DA, homelessness, MH", "Referral to MASH same day; safeguarding alert on notes"),
    ("26/09/2018", "Safeguarding midwife", "Feedback rec'd from MASH: single assessment to proceed.", "",
     "Shared with community midwife"),
    ("09/10/2018", "Community midwife",
     "Antenatal clinic. Dean attended with K; engaged well, asked about the scan.", "", ""),
    ("22/11/2018", "Community midwife",
     "Anomaly scan - normal. Dean present; told midwife he was stabbed in 2017 and 'has to carry something for "
     "protection' as 'people are after me'.", "Possible weapons in the home", "Passed to SW by phone"),
    ("18/12/2018", "Community midwife", "Antenatal clinic 22 wks. K tearful; says housing is 'a nightmare'.", "",
     "Perinatal MH leaflet"),
    ("10/01/2019", "Safeguarding midwife", "Pre-birth strategy discussion - attended by phone.", "", "s47"),
    ("15/01/2019", "Community midwife", "Antenatal clinic - DNA.", "", "Phoned K, rebooked"),
    ("24/01/2019", "Community midwife", "Antenatal clinic 27+5 wks, attended with Dean.", "", ""),
    ("13/02/2019", "Safeguarding midwife",
     "Pre-birth ICPC attended. Unborn CP plan. Residential placement to be sourced.", "",
     "Birth plan alert on maternity system"),
    ("22/02/2019", "Safeguarding midwife", "Core group attended. Residential placement not yet confirmed.", "", ""),
    ("07/03/2019", "Safeguarding midwife",
     "Liaison with perinatal psychology so that psychological support is in place at the residential placement "
     "when baby is born.", "Mum's vulnerabilities considered in placement", "Letter to Hollybank"),
    ("19/03/2019", "Safeguarding midwife",
     "Core group attended. Mum says she may have the baby in Westmarsh. Alert shared with Westmarsh maternity unit.",
     "", "Alert shared"),
]

# ---------------------------------------------------------------------------------------------------------
# Police: one file, bare contact log (impact and action left empty), two-digit years, unrecognised headers.

POLICE_HEAD = ["Case ref", "Occurrence date", "Log narrative", "Impact", "Action"]
POLICE = [
    ("case-1", "14/08/17", "DA - verbal argument Kayleigh/Dean at previous address. Both spoken to. DASH standard.", "", ""),
    ("case-1", "02/11/17", "DA - neighbour reports shouting. Dean left prior to police arrival. DASH medium.", "", ""),
    ("case-1", "10/01/19", "Strat disc re unborn - MASH police rep attended.", "", ""),
    ("case-2", "14/06/18", "Concern for welfare - B&B manager reports 3 children unsupervised in room. Mum returned.", "", ""),
    ("case-2", "20/09/18", "Intel - RSO Lee frequently staying at B&B room with Jade and 3 children.", "", ""),
    ("case-2", "02/10/18", "MOSOVO visit to RSO Lee - confirms relationship with Jade.", "", ""),
    ("case-2", "19/11/18", "Strat disc - attended.", "", ""),
    ("case-2", "28/11/18", "RSO Lee moved to new address. No longer at B&B.", "", ""),
    ("case-2", "25/01/19", "Concern for welfare - 3 children alone in B&B. Mother in labour out of county. Children taken to MGM.", "", ""),
    ("case-6", "10/12/17", "DA - Craig assaulted Leanne, children present. Craig arrested.", "", ""),
    ("case-6", "14/04/18", "Breach of non-mol order - Craig at Leanne's address. Arrested.", "", ""),
    ("case-6", "14/01/19", "Attended eviction - to prevent breach of the peace.", "", ""),
]

# ---------------------------------------------------------------------------------------------------------
# Housing Options: one file, all its cases, saved in Windows-1252 (pound signs, curly apostrophes).

HOUSING_HEAD = ["Case reference", "Date of contact", "Source of information", "Significant event",
                "Impact on the child", "Action taken/outcome"]
HOUSING = [
    ("case-2", "05/03/2018", "Housing Options officer",
     "Jade approached as homeless with Mia (7), Riley (5), Alfie (1). s21 expired, bailiffs 07/03/2018. "
     "Homelessness application taken.", "Children about to lose their home", "Emergency accommodation sought"),
    ("case-2", "08/03/2018", "Housing Options officer",
     "Placed in B&B (Seaview Guest House) - one family room, shared kitchen.",
     "4 people in one room - no space to play", "Notified MASH (children in B&B)"),
    ("case-2", "02/05/2018", "Housing Options officer",
     "B&B manager complaint: children left unsupervised, room dirty. Spoke to Jade - she says she "
     "‘only popped out’.", "Children left alone", "Warning letter; B&B manager to report any repeat"),
    ("case-2", "19/06/2018", "Team leader",
     "6-week limit for families in B&B exceeded. No suitable TA available in the borough.",
     "Prolonged B&B stay", "Priority for next TA unit"),
    ("case-2", "15/10/2018", "Housing Options officer",
     "EH worker called - supporting Jade with bids. Info shared on banding and bidding.", "", "Info shared"),
    ("case-2", "05/11/2018", "Housing Options officer", "TAF attended. Plan: bidding, HB claim, furniture.", "",
     "Actions noted"),
    ("case-2", "25/01/2019", "Out of hours officer",
     "B&B manager rang 22:15 - children alone in room, mum not answering. Advised to call police.",
     "Children alone at night", "Police attended"),
    ("case-2", "28/01/2019", "Housing Options officer",
     "Children now with grandmother; Jade out of county. B&B room released.", "", "Case held open"),
    ("case-3", "14/05/2018", "Housing Options officer",
     "Callum (16) presented as homeless - asked to leave by mum, sofa-surfing with friends for 2 wks. "
     "Homelessness application taken, relief duty accepted.", "16-yr-old homeless",
     "Interim accommodation - Station House hostel"),
    ("case-3", "15/05/2018", "Housing Options officer",
     "Call from MASH - told that Callum had been signposted to Housing.", "", "Noted"),
    ("case-3", "30/05/2018", "Housing Options officer", "Personal Housing Plan agreed with Callum.", "", "PHP"),
    ("case-3", "06/07/2018", "Housing Options officer",
     "Hostel staff report Callum seen with older residents, smell of cannabis.", "Risk from adults in hostel",
     "Spoke to Callum"),
    ("case-3", "13/08/2018", "Team leader",
     "Case review: Callum still in hostel under housing duty (13 wks). Should have been referred to CSC under "
     "the 16-17 Joint Housing Protocol at first presentation.", "", "Referral to be made"),
    ("case-3", "28/08/2018", "Housing Options officer", "Referral to MASH under 16-17 Joint Housing Protocol.",
     "", "Referral sent"),
    ("case-3", "04/10/2018", "Housing Options officer", "Joint visit with SW at hostel.", "", ""),
    ("case-3", "22/10/2018", "Housing Options officer",
     "SW confirmed assessment complete - Callum declined s20, CSC to support with supported lodgings.", "",
     "Feedback rec'd"),
    ("case-3", "19/11/2018", "Housing Options officer",
     "Callum moved to supported lodgings (YP scheme). Housing duty ended.", "Settled", "Closed"),
    ("case-4", "14/06/2018", "Income officer", "Rent arrears £1,240. Arrears letter 1 sent.", "", "Letter"),
    ("case-4", "09/08/2018", "Income officer",
     "Notice of Seeking Possession (s8) served - arrears £1,695.", "Risk of losing the family home",
     "Referral to money advice"),
    ("case-4", "20/09/2018", "Income officer",
     "Home visit. Mark (main carer for Donna - MS, wheelchair user) says UC delays. Children at school.", "",
     "Payment plan offered"),
    ("case-4", "17/12/2018", "Income officer",
     "Possession order granted - outright, 28 days. Arrears £2,020.", "Family could be evicted in the new year",
     "Referred to Housing Options"),
    ("case-4", "10/01/2019", "Housing Options officer",
     "Homelessness application taken - prevention duty accepted.", "", "PHP agreed"),
    ("case-4", "14/01/2019", "Housing Options officer",
     "Referral to Early Help with parents’ consent.", "", "Referral sent"),
    ("case-4", "21/01/2019", "Housing Options officer",
     "EH confirmed allocation - same day.", "", "Feedback rec'd"),
    ("case-4", "30/01/2019", "Housing Options officer",
     "TAF attended. DHP application and UC advance discussed.", "", ""),
    ("case-4", "18/02/2019", "Income officer", "Warrant of possession applied for - arrears £2,310.", "", ""),
    ("case-4", "11/03/2019", "Income officer",
     "N54 notice of eviction rec'd: bailiffs booked for 04/04 at 10am. Copy sent to EH worker.",
     "Two children will be homeless in 3 weeks", "Urgent prevention work"),
    ("case-4", "14/03/2019", "Housing Options officer",
     "DHP application submitted. Money advice appointment booked for Mark.", "", ""),
    ("case-4", "20/03/2019", "Housing Options officer",
     "TAF attended. Mark ‘at the end of his tether’. No alternative accommodation identified yet.", "",
     "Search for TA if eviction goes ahead"),
    ("case-5", "03/04/2018", "Housing Options officer",
     "Chantelle approached - s21 from private landlord expiring 31/05/2018. Kai (6) asthma, Ruby (2) epilepsy. "
     "Homelessness application - prevention duty.", "Children with health needs face losing their home", "PHP"),
    ("case-5", "04/04/2018", "Housing Options officer",
     "Referral 1 to MASH - threatened with homelessness, children with health needs, mum not coping.", "",
     "Referral sent"),
    ("case-5", "19/04/2018", "Housing Options officer", "MASH outcome: signposted to Early Help, NFA.", "", ""),
    ("case-5", "15/05/2018", "Housing Options officer",
     "Chantelle gave new mobile number (old phone cut off) and her sister’s number as an alternative contact.",
     "", "Recorded on housing system"),
    ("case-5", "02/07/2018", "Housing Options officer",
     "Referral 2 to MASH - s21 expired, landlord issuing proceedings, arrears £640, mum anxious.", "",
     "Referral sent"),
    ("case-5", "06/07/2018", "Housing Options officer", "MASH outcome: signposted, NFA.", "", ""),
    ("case-5", "24/09/2018", "Housing Options officer",
     "Referral 3 to MASH - possession hearing listed. Mum says ‘nobody is helping us’.", "", "Referral sent"),
    ("case-5", "28/09/2018", "Housing Options officer", "MASH outcome: closed - unable to contact mum.", "", ""),
    ("case-5", "15/11/2018", "Housing Options officer",
     "Possession order granted (accelerated s21) - possession by 29/11/2018.", "", "Prevention work continues"),
    ("case-5", "03/12/2018", "Housing Options officer",
     "Referral 4 to MASH - possession order made, warrant expected.", "", "Referral sent"),
    ("case-5", "05/12/2018", "Housing Options officer", "MASH outcome: Early Help leaflet, NFA.", "", ""),
    ("case-5", "09/01/2019", "Housing Options officer", "N54 rec'd: bailiffs 23/01/2019 09:30.", "",
     "Relief planning"),
    ("case-5", "23/01/2019", "Housing Options officer",
     "Eviction day - family evicted 09:30. Called MASH 09:50 (no answer from EH MASH); CSC duty 10:20, 11:05, "
     "12:30 - messages left; emailed duty TM 12:40.", "Children with nowhere to go tonight",
     "Kept trying CSC"),
    ("case-5", "23/01/2019", "Housing Options officer",
     "13:15 duty SW called back - joint plan agreed. Family placed in temporary accommodation (Harbour Court) "
     "16:30.", "Family housed tonight", "TA placement"),
    ("case-5", "30/01/2019", "Housing Options officer", "TA check - family settled, Kai back at school.", "", ""),
    ("case-6", "26/03/2018", "Housing Options officer",
     "Leanne came in for advice - rent arrears £420 after UC change.", "", "DHP application"),
    ("case-6", "27/03/2018", "Housing Options officer",
     "Phoned SW to share the arrears concern - SW very helpful, agreed to keep each other updated.",
     "Good joint working", "Info shared"),
    ("case-6", "02/08/2018", "Housing Options officer",
     "Leanne presented with s21 notice expiring 30/09/2018. Homelessness application - prevention duty accepted.",
     "Children may lose their home", "PHP"),
    ("case-6", "10/09/2018", "Housing Options officer",
     "Leanne very low and tearful, ‘can’t cope’. With her consent referred her to Northshire Mental Health "
     "single point of access.", "Mum’s mental health affects the children", "Referral sent"),
    ("case-6", "15/10/2018", "Housing Options officer", "Chased mental health SPA for outcome - no response.", "",
     "Chased"),
    ("case-6", "20/11/2018", "Housing Options officer", "Possession order granted.", "", ""),
    ("case-6", "05/12/2018", "Housing Options officer",
     "Emailed mental health again for update on referral - still no feedback.", "", "Chased"),
    ("case-6", "04/01/2019", "Housing Options officer", "N54 rec'd - bailiffs 14/01/2019. Emailed SW.", "",
     "SW informed"),
    ("case-6", "14/01/2019", "Housing Options officer",
     "Eviction day. Rang CSC duty 09:10, 10:30, 12:00, 14:15 asking for SW input - told it is a housing "
     "matter. Family placed in B&B 17:45. Very difficult day for the family and staff.",
     "Children in B&B", "B&B placement"),
    ("case-6", "15/01/2019", "Team leader",
     "Learnt that CIN meetings have been held since May 2018 - Housing never invited.", "",
     "Raised with SW’s team manager"),
    ("case-6", "18/02/2019", "Housing Options officer",
     "Family moved to private rented home in Westmarsh (out of county) with deposit scheme. Housing duty "
     "discharged.", "Family safe", "Closed"),
]

# ---------------------------------------------------------------------------------------------------------
# Early Help: one file, dates written '3 Apr 2018'.

EH_HEAD = ["Case id", "Event date", "Practitioner", "Key event", "Impact", "Action taken"]
EARLY_HELP = [
    ("case-2", "3 May 2018", "EH admin", "EH referral rec'd from Brookfield Primary (hygiene, soiling, B&B).", "",
     "Waiting list"),
    ("case-2", "15 Oct 2018", "EH worker", "Allocated. EHA started.", "", "Visit booked"),
    ("case-2", "22 Oct 2018", "EH worker",
     "EHA home visit at B&B. Jade's priority is housing. EHA plan: housing bids, HB claim, furniture.", "",
     "EHA plan"),
    ("case-2", "5 Nov 2018", "EH worker",
     "TAF. Present: EH worker, mum, HV, Housing officer, school. Plan focused on housing application and bidding.",
     "", "TAF plan"),
    ("case-2", "14 Nov 2018", "EH worker",
     "Home visit: room dirty, Alfie in soiled nappy, no food in room. Discussed with EH manager - step-up to CSC "
     "agreed.", "Neglect", "Step-up"),
    ("case-2", "16 Nov 2018", "EH worker", "Step-up referral to CSC sent.", "", ""),
    ("case-2", "12 Dec 2018", "EH worker", "ICPC attended. Children on CP plans - EH case closed.", "", "Closed"),
    ("case-4", "21 Jan 2019", "EH worker",
     "Referral from Housing rec'd and allocated same day. Possession order granted Dec 2018.", "",
     "Allocation confirmed to Housing"),
    ("case-4", "24 Jan 2019", "EH worker",
     "EHA started - home visit. Mark is main carer for Donna (MS, wheelchair user). Ellie (9) and Josh (7) "
     "seen. Ellie: 'I help Dad with Mum's tablets'. Josh: likes his school and his bedroom.",
     "Ellie is a young carer", "Young carers referral"),
    ("case-4", "30 Jan 2019", "EH worker",
     "TAF. Present: EH worker, Housing officer, school, Mark, Donna. Plan: DHP, UC, young carer support. "
     "Parents quiet - 'you sort it'.", "Parents relying on professionals", "TAF plan"),
    ("case-4", "13 Feb 2019", "EH worker",
     "Home visit. Mark says he is struggling and 'might have to move out for a bit, I can't do this'.",
     "If dad leaves, mum cannot physically care for the children", "Carers support number given"),
    ("case-4", "20 Feb 2019", "EH worker",
     "Children seen at school. Ellie: 'I worry we'll have to live in a hotel'. Josh drew his house and said he "
     "wants to keep his bedroom.", "", ""),
    ("case-4", "27 Feb 2019", "EH manager",
     "Supervision - EHA due for sign-off given critical housing situation.", "", "Sign-off"),
    ("case-4", "12 Mar 2019", "EH worker",
     "Housing told me bailiffs booked 04/04/2019. Parents appear content to let professionals do everything.",
     "", ""),
    ("case-4", "20 Mar 2019", "EH worker",
     "TAF review. Present: EH worker, Housing officer, school, Mark. Donna unwell. Mark said again 'if it gets "
     "worse I'll go to my brother's'. No contingency plan agreed.", "", "Review in 4 wks"),
]

# ---------------------------------------------------------------------------------------------------------
# Smaller files.

MW_HEAD = ["Date of contact", "Practitioner", "Event details", "Significance/impact", "Action/outcome"]
MIDWIFERY_2 = [
    ("24/08/2018", "CMW", "Booking at 16 wks (late booking). EDD 08/02/2019. Lives in B&B with 3 children.",
     "Late booking", "Reasons explored - 'didn't realise'"),
    ("05/10/2018", "CMW", "Antenatal appt - DNA.", "", "Rebooked"),
    ("02/11/2018", "CMW", "Antenatal appt - DNA.", "", "Letter sent"),
    ("16/11/2018", "CMW", "Antenatal appt 28 wks attended. Jade 'fine', agreed to attend all appointments.", "", ""),
    ("14/12/2018", "CMW", "Antenatal appt - DNA.", "", "Letter sent"),
    ("28/01/2019", "CMW", "Westmarsh maternity: Jade delivered 26/01/2019. Transfer of care letter rec'd.", "",
     "Care transferred"),
]

BROOK_HEAD = ["Date", "Author", "Description", "Impact", "Action"]
BROOKFIELD_4 = [
    ("05/09/2018", "Attendance officer", "Last year's attendance: Ellie 98%, Josh 97%.", "Good attendance", ""),
    ("01/11/2018", "DSL", "SW came in to see Ellie and Josh.", "", ""),
    ("17/12/2018", "Class teacher",
     "Ellie upset in class - said 'we might lose our house'. Comforted; DSL told.", "Worry about housing",
     "DSL spoke to Dad at pick-up"),
    ("30/01/2019", "DSL", "TAF attended.", "", ""),
    ("20/02/2019", "DSL", "EH worker saw children in school.", "", ""),
    ("08/03/2019", "Attendance officer", "Attendance this year: Ellie 97.4%, Josh 96.8%.", "Good attendance",
     ""),
    ("20/03/2019", "DSL", "TAF attended. Children doing well in school despite worries at home.", "", ""),
]

NFA_HEAD = ["Child ref", "Date", "Recorded by", "Details", "Impact", "Action"]
NORTHFIELD = [
    ("case-3", "08/05/2018", "Tutor",
     "Callum told tutor he has been 'staying at mates' for 2 weeks after a row with mum. Tired, not eating.",
     "Homeless 16-yr-old", "DSL informed"),
    ("case-3", "09/05/2018", "DSL", "Referral to MASH made.", "", "Referral"),
    ("case-3", "21/05/2018", "DSL", "Chased MASH - told Callum signposted to Housing Options.", "",
     "Feedback rec'd"),
    ("case-3", "11/06/2018", "Head of Year",
     "Callum attendance down to 78%. Says he is in a hostel, long bus journey.", "Exams at risk", "Bus pass"),
    ("case-3", "25/06/2018", "DSL",
     "GCSEs finished. Emailed Housing officer - worried Callum is still in a hostel with adults.", "", "Email"),
    ("case-6", "21/03/2018", "DSL", "Core group attended.", "", ""),
    ("case-6", "20/06/2018", "DSL", "CIN meeting attended. Tyler said he is 'happy mum's ex is gone'.", "", ""),
    ("case-6", "29/08/2018", "DSL", "CIN meeting attended.", "", ""),
    ("case-6", "05/10/2018", "Pastoral lead",
     "Tyler late x5 - says 'stuff at home, we're getting kicked out'.", "Housing worry", "Told SW"),
    ("case-6", "07/11/2018", "DSL", "CIN meeting attended.", "", ""),
    ("case-6", "15/01/2019", "Pastoral lead", "Tyler absent - family evicted yesterday, in B&B.", "", "Called mum"),
    ("case-6", "30/01/2019", "DSL", "CIN meeting attended.", "", ""),
    ("case-6", "15/02/2019", "DSL", "Tyler leaving - moving out of county. Records transferred.", "",
     "CPOMS file sent"),
]

MH_HEAD = ["Date", "Source", "Narrative", "Impact", "Action"]
MENTAL_HEALTH_6 = [
    ("11/09/2018", "SPA", "Referral rec'd from Housing Options re Leanne.", "", "Triage"),
    ("18/09/2018", "SPA", "Triaged - routine. Appointment letter sent.", "", ""),
    ("16/10/2018", "Primary care MH", "DNA initial appointment.", "", ""),
    ("30/10/2018", "Primary care MH", "Discharged back to GP - letter to GP.", "", ""),
    ("05/11/2018", "Primary care MH", "Leanne phoned to rebook - advised to ask GP to re-refer.", "", ""),
]

NGH_HEAD = ["Event date", "Source", "Event", "Impact on child", "Outcome"]
NGH_5 = [
    ("12/04/2018", "Paediatric ED", "Kai (6) - acute asthma. Nebulised, improved.", "Acute illness, recovered", "Discharged; GP follow-up"),
    ("30/05/2018", "Paediatric neurology clinic", "Ruby (2) - epilepsy review, medication adjusted. Attended with mum.",
     "Seizures not fully controlled", "Review 6 months"),
    ("18/07/2018", "Children's ward", "Ruby admitted - prolonged seizure. 2 nights.", "Serious episode; needs rescue meds at home", "Rescue medication plan"),
    ("25/09/2018", "Asthma nurse clinic",
     "Kai - poor control, inhaler technique reviewed. Mum says 'lots going on'.", "Asthma poorly controlled", "Review 3 months"),
    ("06/11/2018", "Paediatric neurology clinic", "Ruby - WNB. Letter to GP and mum.", "Review missed", "Rebooked"),
    ("10/12/2018", "Paediatric ED", "Kai - asthma exacerbation.", "", "Discharged"),
    ("28/01/2019", "Paediatric neurology clinic", "Ruby attended with mum. New address given - updated on PAS.",
     "", "Review 3 months"),
    ("19/02/2019", "Asthma nurse clinic", "Kai - improved control.", "Better", "Review 6 months"),
]

# ---------------------------------------------------------------------------------------------------------
# File list (paths are bundle-relative). Order = order in audit.yaml.

CHRON_A = [
    {"file": "chronologies/csc-case-1.csv", "agency": "csc", "case": "case-1", "header": CSC_HEAD, "rows": CSC_1},
    {"file": "chronologies/csc-case-2.csv", "agency": "csc", "case": "case-2", "header": CSC_HEAD, "rows": CSC_2},
    {"file": "chronologies/csc-case-3.csv", "agency": "csc", "case": "case-3", "header": CSC_HEAD, "rows": CSC_3},
    {"file": "chronologies/csc-case-4.csv", "agency": "csc", "case": "case-4", "header": CSC_HEAD, "rows": CSC_4},
    {"file": "chronologies/csc-case-5.csv", "agency": "csc", "case": "case-5", "header": CSC_HEAD, "rows": CSC_5},
    {"file": "chronologies/csc-case-6.csv", "agency": "csc", "case": "case-6", "header": CSC6_HEAD, "rows": CSC_6},
    {"file": "chronologies/mash.csv", "agency": "mash", "header": MASH_HEAD, "rows": MASH},
    {"file": "chronologies/hv.csv", "agency": "hv", "header": HV_HEAD, "rows": HV},
    {"file": "chronologies/egh-case-1.csv", "agency": "egh", "case": "case-1", "header": EGH_HEAD, "rows": EGH_1},
    {"file": "chronologies/police.csv", "agency": "police", "header": POLICE_HEAD, "rows": POLICE,
     "columns": {"Occurrence date": "date", "Log narrative": "event"}},
    {"file": "chronologies/housing.csv", "agency": "housing", "header": HOUSING_HEAD, "rows": HOUSING,
     "encoding": "cp1252"},
    {"file": "chronologies/early-help.csv", "agency": "early-help", "header": EH_HEAD, "rows": EARLY_HELP},
    {"file": "chronologies/midwifery-case-2.csv", "agency": "midwifery", "case": "case-2", "header": MW_HEAD,
     "rows": MIDWIFERY_2},
    {"file": "chronologies/brookfield-case-4.csv", "agency": "brookfield", "case": "case-4", "header": BROOK_HEAD,
     "rows": BROOKFIELD_4},
    {"file": "chronologies/northfield-academy.csv", "agency": "northfield-academy", "header": NFA_HEAD,
     "rows": NORTHFIELD},
    {"file": "chronologies/mental-health-case-6.csv", "agency": "mental-health", "case": "case-6", "header": MH_HEAD,
     "rows": MENTAL_HEALTH_6},
    {"file": "chronologies/ngh-case-5.csv", "agency": "ngh", "case": "case-5", "header": NGH_HEAD, "rows": NGH_5,
     "encoding": "utf-8-sig"},
]

# The GP chronology is XLSX (make_xlsx.py); listed for the manifest only.
GP_XLSX = {"file": "chronologies/gp-riverside.xlsx", "agency": "gp", "sheet": "Chronology",
           "title": GP_TITLE, "header": GP_HEAD, "rows": GP}

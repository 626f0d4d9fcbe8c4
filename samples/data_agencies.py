"""The invented Northshire agencies used by both sample bundles."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------------
# Agencies (shared by both bundles; each bundle lists the ones it uses)

AGENCIES = {
    "csc": {
        "name": "Northshire Children's Trust — Children's Social Care",
        "type": "childrens_social_care",
        "aliases": ["SW", "social worker", "CSC", "NCT", "children's services", "social care", "TM", "IRO",
                    "duty SW", "Safeguarding Children's Services"],
    },
    "mash": {
        "name": "Northshire Multi-Agency Safeguarding Hub (incl. Early Help MASH)",
        "type": "mash",
        "aliases": ["MASH", "EH MASH", "Early Help MASH", "front door"],
    },
    "early-help": {
        "name": "Northshire Early Help and Prevention Service",
        "type": "early_help",
        "aliases": ["EH", "Early Help", "EH worker", "FSW", "family support worker", "TAF lead"],
    },
    "police": {
        "name": "Northshire Police",
        "type": "police",
        "aliases": ["police", "PC", "PCSO", "MOSOVO", "officers"],
    },
    "hv": {
        "name": "Northshire Community Health NHS Trust — health visiting and school nursing",
        "type": "health_visiting",
        "aliases": ["HV", "health visitor", "NCHT", "health visiting", "school nurse", "school nursing"],
    },
    "midwifery": {
        "name": "Northshire Community Midwifery Team (Northshire General Hospital)",
        "type": "midwifery",
        "aliases": ["community midwife", "CMW", "midwifery"],
    },
    "gp": {
        "name": "Riverside Medical Practice",
        "type": "gp",
        "aliases": ["GP", "Riverside", "surgery", "practice nurse"],
    },
    "egh": {
        "name": "Eastbridge General Hospital NHS Foundation Trust (maternity and paediatrics)",
        "type": "hospital",
        "aliases": ["EGH", "Eastbridge General", "EGH midwife", "safeguarding midwife", "maternity unit"],
    },
    "ngh": {
        "name": "Northshire General Hospital NHS Trust (paediatrics and ED)",
        "type": "hospital",
        "aliases": ["NGH", "Northshire General", "children's ward", "paediatrics"],
    },
    "housing": {
        "name": "Northshire Borough Council Housing Options",
        "type": "housing",
        "aliases": ["Housing", "Housing Options", "housing officer", "HO", "HOO", "the council",
                    "income officer"],
    },
    "brookfield": {
        "name": "Brookfield Primary School",
        "type": "education",
        "aliases": ["Brookfield", "Brookfield Primary", "Brookfield DSL", "school"],
    },
    "northfield-academy": {
        "name": "Northfield Academy (secondary)",
        "type": "education",
        "aliases": ["Northfield Academy", "Northfield", "the Academy", "Academy"],
    },
    "mental-health": {
        "name": "Northshire Mental Health NHS Foundation Trust",
        "type": "mental_health",
        "aliases": ["mental health", "MH", "SPA", "single point of access", "CMHT", "primary care MH"],
    },
}


def agencies(ids: list[str]) -> list[dict]:
    return [{"id": i, **AGENCIES[i]} for i in ids]

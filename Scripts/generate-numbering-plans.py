#!/usr/bin/env python3
"""Generates Sources/ContactImport/Phone/NumberingPlanData.swift from libphonenumber's metadata, as
the `phonenumbers` package on PyPI ships it (facts about numbering plans), and the differential
test's expectations, Tests/ContactImportTests/Fixtures/phone-differential.tsv.

    pip install phonenumbers==9.0.43 && python3 Scripts/generate-numbering-plans.py

Every pattern becomes a minimal DFA over digits (Scripts/phone_dfa.py), so validation walks a
table instead of running regular expressions. The tables are one binary blob, base64 in a Swift
string literal (compiles fast; decoded once at first use). Layout: see NumberingPlans.swift.
"""
import base64
import os
import random
import struct
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType
import phonenumbers.shortdata  # noqa: F401 (loads the short-number metadata)
from phonenumbers import tzdata
from phonenumbers import timezone as phone_timezone
from phonenumbers.phonenumberutil import _GEO_MOBILE_COUNTRIES

sys.path.insert(0, os.path.dirname(__file__))
import phone_dfa  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERSION = phonenumbers.__version__
TYPES = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile"]
NONE = 0xFFFF

dfas = []
dfa_index = {}


def dfa_id(pattern):
    if pattern is None or pattern == "":
        return NONE
    if pattern not in dfa_index:
        transitions, accepting = phone_dfa.compile_pattern(pattern)
        assert len(transitions) < 255, pattern
        dfa_index[pattern] = len(dfas)
        dfas.append((transitions, accepting))
    return dfa_index[pattern]


def length_mask(lengths):
    mask = 0
    for n in lengths or ():
        if n >= 0:
            mask |= 1 << n
    return mask


def desc(d):
    if d is None or d.national_number_pattern is None:
        return (NONE, 0)
    return (dfa_id(d.national_number_pattern), length_mask(d.possible_length))


def string(value):
    data = value.encode("ascii")
    return struct.pack("<B", len(data)) + data


def regions_in_order():
    out = []
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        for position, region in enumerate(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]):
            if region == "001":
                continue
            out.append((region, code, position == 0))
    return out


def emergency_numbers():
    numbers = set()
    for region in phonenumbers.SUPPORTED_SHORT_REGIONS:
        meta = PhoneMetadata.short_metadata_for_region(region)
        if meta is None or meta.emergency is None or meta.emergency.national_number_pattern is None:
            continue
        transitions, accepting = phone_dfa.compile_pattern(meta.emergency.national_number_pattern)
        stack = [(0, "")]
        while stack:
            state, prefix = stack.pop()
            if accepting[state]:
                numbers.add(prefix)
            if len(prefix) >= 8:
                continue
            for digit, target in enumerate(transitions[state]):
                if target >= 0:
                    stack.append((target, prefix + str(digit)))
    return sorted(numbers)


def blob():
    out = bytearray(b"CSPN")
    out += string(VERSION)
    regions = regions_in_order()
    records = bytearray()
    for region, code, main in regions:
        meta = PhoneMetadata.metadata_for_region(region)
        short = PhoneMetadata.short_metadata_for_region(region)
        parsing = meta.national_prefix_for_parsing
        if meta.national_prefix_transform_rule:
            parsing = meta.national_prefix  # transforms are not followed: only the plain prefix is stripped
        flags = (1 if main else 0) | (2 if meta.same_mobile_and_fixed_line_pattern else 0) | (4 if code in _GEO_MOBILE_COUNTRIES else 0)
        flags |= 8 if meta.national_prefix_transform_rule else 0
        records += region.encode("ascii") + struct.pack("<HB", code, flags)
        records += struct.pack("<HHH", dfa_id(meta.international_prefix), dfa_id(parsing), dfa_id(meta.leading_digits))
        general = desc(meta.general_desc)
        records += struct.pack("<HII", general[0], general[1], length_mask(meta.general_desc.possible_length_local_only))
        for name in TYPES:
            records += struct.pack("<HI", *desc(getattr(meta, name)))
        short_code = short.short_code.national_number_pattern if short is not None and short.short_code is not None else None
        records += struct.pack("<H", dfa_id(short_code))
        records += string(meta.national_prefix or "")
    out += struct.pack("<H", len(regions)) + records
    out += struct.pack("<H", len(dfas))
    for transitions, accepting in dfas:
        out += struct.pack("<H", len(transitions))
        bitmap = bytearray((len(transitions) + 7) // 8)
        for state, final in enumerate(accepting):
            if final:
                bitmap[state // 8] |= 1 << (state % 8)
        out += bitmap
        for row in transitions:
            out += bytes(0xFF if t < 0 else t for t in row)
    emergency = emergency_numbers()
    out += struct.pack("<H", len(emergency))
    for number in emergency:
        out += string(number)
    names = sorted({name for zones in tzdata.TIMEZONE_DATA.values() for name in zones})
    name_index = {name: i for i, name in enumerate(names)}
    out += struct.pack("<H", len(names))
    for name in names:
        out += string(name)
    prefixes = sorted(tzdata.TIMEZONE_DATA)
    out += struct.pack("<I", len(prefixes))
    for prefix in prefixes:
        zones = tzdata.TIMEZONE_DATA[prefix]
        out += string(prefix) + struct.pack("<B", len(zones))
        for zone in zones:
            out += struct.pack("<H", name_index[zone])
    return bytes(out)


def write_swift(data):
    encoded = base64.b64encode(data).decode("ascii")
    lines = [encoded[i:i + 120] for i in range(0, len(encoded), 120)]
    path = os.path.join(ROOT, "Sources/ContactImport/Phone/NumberingPlanData.swift")
    with open(path, "w") as f:
        f.write("// Generated by Scripts/generate-numbering-plans.py from libphonenumber's metadata\n")
        f.write(f"// (phonenumbers {VERSION} on PyPI). Do not edit.\n\n")
        f.write("/// The numbering-plan tables, base64: see ``NumberingPlans`` for the layout.\n")
        f.write("enum NumberingPlanData {\n")
        f.write(f'    static let version = "{VERSION}"\n')
        f.write('    static let base64 = """\n')
        for line in lines:
            f.write(f"        {line}\n")
        f.write('        """\n}\n')
    print(f"wrote {path}: {len(data)} bytes, {len(dfas)} automata")


TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixedLine", PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixedLineOrMobile", PhoneNumberType.TOLL_FREE: "tollFree",
    PhoneNumberType.PREMIUM_RATE: "premiumRate", PhoneNumberType.SHARED_COST: "sharedCost", PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personalNumber", PhoneNumberType.PAGER: "pager", PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail", PhoneNumberType.UNKNOWN: "unknown",
}


def expectation(text, region):
    """libphonenumber's reading of `text` dialled from `region`: E.164, type, region, time zones."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "unparsable"
    if not phonenumbers.is_valid_number(number):
        return "invalid"
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    kind = TYPE_NAMES[phonenumbers.number_type(number)]
    zones = ",".join(phone_timezone.time_zones_for_number(number))
    return f"{e164}\t{kind}\t{phonenumbers.region_code_for_number(number)}\t{zones}"


def differential():
    rng = random.Random(20261130)
    rows = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        meta = PhoneMetadata.metadata_for_region(region)
        for name in TYPES:
            d = getattr(meta, name)
            if d is None or not d.example_number:
                continue
            number = phonenumbers.parse(d.example_number, region)
            variants = {
                phonenumbers.format_number(number, PhoneNumberFormat.E164),
                phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
                phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
                d.example_number,
            }
            # A digit changed near the end: often still valid, sometimes not.
            digits = list(d.example_number)
            digits[-2] = str((int(digits[-2]) + rng.randint(1, 9)) % 10)
            variants.add("".join(digits))
            variants.add("+" + str(meta.country_code) + "".join(digits))
            for text in sorted(variants):
                rows.append((name, region, text, expectation(text, region)))
    # Typed inputs: random digit strings shaped like numbers, dialled from random regions.
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for _ in range(4000):
        region = rng.choice(regions)
        meta = PhoneMetadata.metadata_for_region(region)
        length = rng.randint(6, 12)
        body = "".join(rng.choice("0123456789") for _ in range(length))
        style = rng.random()
        if style < 0.4:
            text = "+" + str(meta.country_code) + " " + body
        elif style < 0.55 and meta.national_prefix:
            text = meta.national_prefix + body
        else:
            text = body
        rows.append(("typed", region, text, expectation(text, region)))
    path = os.path.join(ROOT, "Tests/ContactImportTests/Fixtures/phone-differential.tsv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# Generated by Scripts/generate-numbering-plans.py with phonenumbers {VERSION}: kind, default region, input,\n")
        f.write("# then libphonenumber's E.164, type, region and time zones, or 'invalid' / 'unparsable'.\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {path}: {len(rows)} rows")


if __name__ == "__main__":
    write_swift(blob())
    differential()

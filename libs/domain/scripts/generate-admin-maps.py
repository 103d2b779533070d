#!/usr/bin/env python3
"""Generate Vietnam's two administrative maps into libs/domain/data (run by hand; the build never runs it).

  python3 -m venv /tmp/admin-maps && /tmp/admin-maps/bin/pip install -r libs/domain/scripts/requirements.txt
  /tmp/admin-maps/bin/python libs/domain/scripts/generate-admin-maps.py

Writes
  admin-map-2025.json    the map since 1 July 2025: 34 provinces and their communes, wards and special zones
                         (PyPI vietnam-provinces, GSO codes);
  admin-map-legacy.json  the map before: 63 provinces, their district-level units and communes, each commune
                         with the 2025 commune it became (PyPI vietnamadminunits' conversion tables).
Only what the product needs is kept: codes, Vietnamese names, the unit type, the parent, the old->new link.
Every old commune's new code is checked against the 2025 map and a sample against vietnamadminunits'
own convert_address, so a mismatch between the two sources fails the run instead of shipping.
"""
import json
import sqlite3
import sys
from pathlib import Path

import vietnam_provinces
import vietnamadminunits
from vietnamadminunits import convert_address
from importlib.metadata import version

OUT = Path(__file__).resolve().parent.parent / 'data'
VAU_DIR = Path(vietnamadminunits.__file__).parent / 'data'

PROVINCE_TYPES = {'tỉnh': ('province', 'Tỉnh'), 'thành phố trung ương': ('city', 'Thành phố')}
COMMUNE_TYPES = {'xã': 'commune', 'phường': 'ward', 'đặc khu': 'special-zone'}


def nested_current():
    return json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding='utf-8'))


def current_map():
    nested = nested_current()
    provinces = []
    for p in sorted(nested, key=lambda p: p['code']):
        ptype, prefix = PROVINCE_TYPES[p['division_type']]
        communes = [[f"{w['code']:05d}", w['name'], COMMUNE_TYPES[w['division_type']]] for w in sorted(p['wards'], key=lambda w: w['code'])]
        provinces.append({'code': f"{p['code']:02d}", 'vi': p['name'] if p['name'].startswith(prefix) else f"{prefix} {p['name']}", 'type': ptype, 'communes': communes})
    return provinces


def legacy_map(new_codes_by_key):
    """Old communes with the 2025 commune each became, from vietnamadminunits' conversion dictionaries."""
    conv = json.loads((VAU_DIR / 'converter_2025.json').read_text(encoding='utf-8'))
    new_province_of_old = {old: new for new, olds in conv['DICT_PROVINCE'].items() for old in olds}
    whole = {}  # old province_district_ward key -> new ward key (the old commune went whole into one new one)
    for new_province, wards in conv['DICT_PROVINCE_WARD_NO_DIVIDED'].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                whole[old_key] = (new_province, new_ward)
    divided = {}  # old key -> the default new ward (the old commune was split; the default takes its seat)
    for new_province, olds in conv['DICT_PROVINCE_WARD_DIVIDED'].items():
        for old_key, candidates in olds.items():
            default = next(c['newWardKey'] for c in candidates if c['isDefaultNewWard'])
            divided[old_key] = (new_province, default)

    db = sqlite3.connect(VAU_DIR / 'dataset.db')
    rows = db.execute(
        'SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, wardCode, ward, wardKey '
        'FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode').fetchall()
    provinces, missing = {}, []
    for pcode, pname, pkey, dcode, dname, dkey, wcode, wname, wkey in rows:
        province = provinces.setdefault(pcode, {'code': pcode, 'vi': pname, 'becomes': None, 'districts': {}})
        district = province['districts'].setdefault(dcode, {'code': dcode, 'vi': dname, 'communes': []})
        new_pkey = new_province_of_old[pkey]
        province['becomes'] = new_codes_by_key[(new_pkey, None)]
        if not wcode:
            continue  # island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa …)
        key = f'{pkey}_{dkey}_{wkey}'
        split = key in divided
        target = divided.get(key) or whole.get(key)
        if target is None or (target[0], target[1]) not in new_codes_by_key:
            missing.append(f'{wcode} {wname}, {dname}, {pname}')
            continue
        entry = [wcode, wname, new_codes_by_key[target]]
        if split:
            entry.append(1)
        district['communes'].append(entry)
    if missing:
        sys.exit(f'{len(missing)} old communes have no 2025 commune, e.g. {missing[:5]}')
    out = []
    for p in provinces.values():
        districts = [dict(d) for d in p['districts'].values()]
        out.append({'code': p['code'], 'vi': p['vi'], 'becomes': p['becomes'], 'districts': districts})
    return out, rows


def main():
    provinces = current_map()
    db = sqlite3.connect(VAU_DIR / 'dataset.db')
    # vietnamadminunits' 2025 keys to vietnam-provinces' codes, matched by province and name: the two sources
    # agree on the names but number about 160 communes differently, and vietnam-provinces is the GSO list.
    by_name = {(p['code'], c[1]): c[0] for p in provinces for c in p['communes']}
    # Tone-mark placement differs for a few (Hòa/Hoà, Thủy/Thuỷ): then match the diacritic-free keys, if unique.
    by_key = {}
    for p in nested_current():
        for w in p['wards']:
            by_key.setdefault((f"{p['code']:02d}", w['codename'].replace('_', '')), []).append(f"{w['code']:05d}")
    known_provinces = {p['code'] for p in provinces}
    codes_by_key, unmatched = {}, []
    for pkey, pcode, wkey, wname in db.execute('SELECT provinceKey, provinceCode, wardKey, ward FROM admin_units'):
        code = by_name.get((pcode, wname))
        if code is None and len(by_key.get((pcode, wkey), [])) == 1:
            code = by_key[(pcode, wkey)][0]
        if pcode not in known_provinces or code is None:
            unmatched.append(f'{wname} ({pcode})')
            continue
        codes_by_key[(pkey, wkey)] = code
        codes_by_key[(pkey, None)] = pcode
    if unmatched:
        sys.exit(f'{len(unmatched)} communes of vietnamadminunits are unknown to vietnam-provinces, e.g. {unmatched[:5]}')
    legacy, rows = legacy_map(codes_by_key)

    # Cross-check a spread of old communes against the library's own address conversion.
    checked = 0
    for pcode, pname, _, _, dname, _, wcode, wname, _ in rows[::97]:
        if not wcode:
            continue
        ours = next(c[2] for p in legacy if p['code'] == pcode for d in p['districts'] for c in d['communes'] if c[0] == wcode)
        unit = convert_address(f'{wname}, {dname}, {pname}')
        theirs = codes_by_key.get((unit.province_key, unit.ward_key))
        if unit.ward and theirs != ours:
            sys.exit(f'{wname}, {dname}, {pname}: ours {ours}, convert_address {theirs}')
        checked += 1

    source_current = {'package': 'vietnam-provinces', 'version': version('vietnam-provinces'), 'dataVersion': vietnam_provinces.__data_version__}
    source_legacy = {'package': 'vietnamadminunits', 'version': version('vietnamadminunits')}
    write('admin-map-2025.json', {
        '_about': 'Vietnam since 1 July 2025: 34 provinces and their communes. Generated by libs/domain/scripts/generate-admin-maps.py; do not edit. communes: [GSO code, name, type].',
        'source': source_current,
        'provinces': provinces,
    })
    write('admin-map-legacy.json', {
        '_about': 'Vietnam before 1 July 2025: 63 provinces, their district-level units and communes, each commune with the 2025 commune it became. Generated by libs/domain/scripts/generate-admin-maps.py; do not edit. communes: [GSO code, name, 2025 commune code, 1 when the old commune was split and the code is the one that took its seat].',
        'source': source_legacy,
        'provinces': legacy,
    })
    print(f'{len(provinces)} provinces, {sum(len(p["communes"]) for p in provinces)} communes (2025); '
          f'{len(legacy)} provinces, {sum(len(p["districts"]) for p in legacy)} districts, '
          f'{sum(len(d["communes"]) for p in legacy for d in p["districts"])} communes (legacy); {checked} conversions cross-checked')


def write(name, data):
    text = json.dumps(data, ensure_ascii=False, separators=(',', ':'))
    # One province per line: small diffs when the sources change, still compact.
    text = text.replace('},{"code"', '},\n{"code"')
    (OUT / name).write_text(text + '\n', encoding='utf-8')


if __name__ == '__main__':
    main()

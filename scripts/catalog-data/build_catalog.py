#!/usr/bin/env python3
"""Build the reference catalogue for Tỉnh Thanh Hóa (H56).

Reads the shared public-source files in /work/shared/data and the curated
records below (facts found with the search tool, each with its source), and
writes src/catalog/data/{agencies,procedures,holidays}.json.

Usage:  python3 scripts/catalog-data/build_catalog.py [--shared /work/shared/data]

Rules followed (see src/catalog/data/README.md):
  * no invented deadline, fee, code or component: unknown -> null + `unverified`;
  * everything derived (fee codes, component codes, `required`, step split) is
    said so in `note`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import OrderedDict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "src", "catalog", "data")

# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------
# No real electronic identifier (mã định danh, QĐ 20/2020/QĐ-TTg) of a Thanh
# Hóa department was found in the sources we could search (see README).  All
# codes below are PLACEHOLDERS in the 000.00.NN.H56 shape, deliberately taken
# from the high range 80-95 so that they are unlikely to collide with the real
# codes (real Thanh Hóa dossier codes seen in public code: 000.00.14.H56-…,
# 000.17.22.H56-…; the unit behind 000.00.14.H56 is not known).
PLACEHOLDER_NOTE = (
    "Mã định danh là mã tạm (placeholder) theo khuôn 000.00.NN.H56, KHÔNG phải mã thật; "
    "chưa tìm được mã định danh điện tử thật của đơn vị này trong nguồn công khai đã tra. "
    "Thay bằng mã trên Danh mục dùng chung (dmdc.ngsp.gov.vn / Sở KH&CN Thanh Hóa) trước khi đồng bộ DVCQG."
)

AG = {
    "CENTRE": "000.00.80.H56",
    "STP": "000.00.81.H56",
    "STC": "000.00.82.H56",
    "SXD": "000.00.83.H56",
    "SNNMT": "000.00.84.H56",
    "SNV": "000.00.85.H56",
    "SYT": "000.00.86.H56",
    "SGDDT": "000.00.87.H56",
    "SCT": "000.00.88.H56",
    "SVHTTDL": "000.00.89.H56",
    "SKHCN": "000.00.90.H56",
    "CAT": "000.00.91.H56",
    "BQLKKT": "000.00.92.H56",
    "UBNDT": "000.00.93.H56",
    "VPDKDD": "000.00.94.H56",
    "THUE": "000.00.95.H56",
}

CAT_SRC = "/work/shared/data/national-catalogue.jsonl (crawl DVCQG 2026-07-18, VoidKeishi/OpenGOV)"
HUAN_SRC = "github:HuanVu201/DichVuCong_KhoaLuan_PASETO DichVuCongApi/src/Host/Configurations/coquanthuchien.json (hệ thống một cửa gốc Thanh Hóa, danh sách sở trước 2025)"


def agency(key, name, short, kind, source, note_extra=""):
    note = PLACEHOLDER_NOTE + (" " + note_extra if note_extra else "")
    return OrderedDict(
        code=AG[key], name=name, shortName=short, kind=kind,
        identifierVerified=False, source=source, note=note,
    )


AGENCIES = [
    agency("CENTRE", "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa", "TTPVHCC tỉnh", "CENTRE",
           "https://hethongphapluat.vn/quyet-dinh-128-2025-qd-ubnd-ve-quy-che-hoat-dong-cua-trung-tam-phuc-vu-hanh-chinh-cong-tinh-thanh-hoa.html",
           "Tổ chức lại theo QĐ 58/2025/QĐ-UBND ngày 27/6/2025, thuộc Văn phòng UBND tỉnh; Quy chế hoạt động ban hành kèm QĐ 128/2025/QĐ-UBND ngày 09/10/2025."),
    agency("STP", "Sở Tư pháp tỉnh Thanh Hóa", "Sở Tư pháp", "DEPARTMENT",
           CAT_SRC + " (thủ tục 1.014013: 'Sở Tư pháp Thanh Hóa'); " + HUAN_SRC,
           "Từ 2025 không còn cấp Phiếu lý lịch tư pháp (chuyển Công an tỉnh)."),
    agency("STC", "Sở Tài chính tỉnh Thanh Hóa", "Sở Tài chính", "DEPARTMENT",
           CAT_SRC + " ('Sở Tài chính các tỉnh, thành phố'); " + HUAN_SRC,
           "Đã tiếp nhận Sở Kế hoạch và Đầu tư từ 01/3/2025 (đăng ký doanh nghiệp, đầu tư)."),
    agency("SXD", "Sở Xây dựng tỉnh Thanh Hóa", "Sở Xây dựng", "DEPARTMENT",
           CAT_SRC + " (thủ tục 1.013345, 1.013346: 'Sở Xây dựng Thanh Hóa'); " + HUAN_SRC,
           "Đã tiếp nhận Sở Giao thông vận tải từ 01/3/2025."),
    agency("SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa", "Sở NN&MT", "DEPARTMENT",
           CAT_SRC + " (thủ tục 1.014598: 'Sở Nông nghiệp và Môi trường Thanh Hóa'); /work/shared/data/procedure-details.jsonl (54 trang chi tiết do UBND tỉnh Thanh Hóa công bố)",
           "Hợp nhất Sở NN&PTNT và Sở TN&MT từ 01/3/2025; Văn phòng Đăng ký đất đai là đơn vị trực thuộc."),
    agency("SNV", "Sở Nội vụ tỉnh Thanh Hóa", "Sở Nội vụ", "DEPARTMENT",
           CAT_SRC + " ('Sở Nội Vụ', 'Cơ quan chuyên môn về nội vụ thuộc UBND cấp tỉnh'); " + HUAN_SRC,
           "Đã tiếp nhận lĩnh vực lao động, việc làm từ Sở LĐ-TB&XH (2025)."),
    agency("SYT", "Sở Y tế tỉnh Thanh Hóa", "Sở Y tế", "DEPARTMENT",
           CAT_SRC + " ('Sở Y tế'); " + HUAN_SRC),
    agency("SGDDT", "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa", "Sở GD&ĐT", "DEPARTMENT",
           CAT_SRC + " ('Sở Giáo dục và Đào tạo'); https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=162776; " + HUAN_SRC),
    agency("SCT", "Sở Công Thương tỉnh Thanh Hóa", "Sở Công Thương", "DEPARTMENT",
           CAT_SRC + " (thủ tục 2.002485, 1.005687 do UBND tỉnh Thanh Hóa công bố); " + HUAN_SRC),
    agency("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa", "Sở VHTTDL", "DEPARTMENT",
           "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=192145 ('Sở Văn hóa, Thể thao và Du lịch Thanh Hóa'); " + HUAN_SRC,
           "Tiếp nhận lĩnh vực báo chí, xuất bản từ Sở TT&TT (2025)."),
    agency("SKHCN", "Sở Khoa học và Công nghệ tỉnh Thanh Hóa", "Sở KH&CN", "DEPARTMENT",
           CAT_SRC + " ('Sở Khoa học và Công nghệ'); " + HUAN_SRC,
           "Hợp nhất Sở KH&CN và Sở TT&TT từ 01/3/2025."),
    agency("CAT", "Công an tỉnh Thanh Hóa", "Công an tỉnh", "POLICE",
           "https://www.vietnam.vn/en/cong-an-thanh-hoa-giai-quyet-tra-ket-qua-tren-12-000-ho-so-moi (nguồn baothanhhoa.vn); https://dantri.com.vn/thoi-su/cong-an-thanh-hoa-tiep-dan-ngoai-gio-hanh-chinh-ca-ngay-thu-bay-20250911185321446.htm",
           "Nhận cấp Phiếu lý lịch tư pháp từ Sở Tư pháp từ 01/3/2025; tiếp nhận tại TTPVHCC tỉnh, Cổng DVCQG, VNeID và bưu chính; Bộ phận một cửa tại 01 Đỗ Huy Cư, phường Hạc Thành. Sát hạch, cấp GPLX do Phòng CSGT."),
    agency("BQLKKT", "Ban Quản lý Khu kinh tế Nghi Sơn và các Khu công nghiệp", "BQL KKT Nghi Sơn", "BOARD",
           CAT_SRC + " ('Ban QL KKT Nghi sơn và các Khu công nghiệp'); tên đầy đủ trong trình tự thủ tục 1.115499 (/work/shared/data/procedure-details.jsonl)"),
    agency("UBNDT", "Ủy ban nhân dân tỉnh Thanh Hóa (Chủ tịch UBND tỉnh)", "UBND tỉnh", "EXTERNAL",
           "/work/shared/data/procedure-details.jsonl (trình tự các thủ tục đất đai 1.115498, 1.115499, 1.115501, 1.115505, 1.115506)",
           "Cấp quyết định trong các bước liên thông (Chủ tịch UBND tỉnh ban hành quyết định/văn bản chấp thuận)."),
    agency("VPDKDD", "Văn phòng Đăng ký đất đai tỉnh Thanh Hóa (gồm các Chi nhánh khu vực)", "VPĐKĐĐ", "EXTERNAL",
           "/work/shared/data/procedure-details.jsonl (cơ quan thực hiện: 'Văn phòng đăng ký đất đai', 'Chi nhánh Văn phòng đăng ký đất đai khu vực')",
           "Đơn vị trực thuộc Sở NN&MT; khai báo riêng để dùng làm cơ quan của bước xử lý khi cần."),
    agency("THUE", "Thuế tỉnh Thanh Hóa", "Thuế tỉnh", "EXTERNAL",
           CAT_SRC + " ('Thuế tỉnh, thành phố'); trình tự thủ tục 1.115499/1.115501 ('Cơ quan Thuế')",
           "Xác định, thông báo nghĩa vụ tài chính về đất đai trong các thủ tục đất đai; thời gian này theo nguồn không tính vào thời hạn giải quyết."),
]

# ---------------------------------------------------------------------------
# Helpers for records built from procedure-details.jsonl
# ---------------------------------------------------------------------------
UNIT_MAP = {"WORKING_DAY": "WORKING_DAYS", "DAY": "DAYS", "HOUR": "WORKING_HOURS"}
CH_MAP = {"DIRECT": "COUNTER", "ONLINE": "ONLINE", "POSTAL": "POSTAL"}
CH_ORDER = ["COUNTER", "ONLINE", "POSTAL"]
AMOUNT_IN_TEXT = re.compile(r"(\d{1,3}(?:\.\d{3})+)\s*(?:đồng|đ\b)")


def clean(s):
    s = (s or "").replace("\t", " ").replace("\u200e", "")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^[\-\+;•*]+\s*", "", s).strip()
    return s


def is_conditional(text):
    """Wording that makes a component case-dependent ("nếu có", "trường hợp …")."""
    t = (text or "").lower()
    return ("nếu có" in t or "trong trường hợp" in t or "(trường hợp" in t
            or t.startswith("trường hợp") or t.startswith("đối với"))


def components_from(rec, code):
    comps = OrderedDict()
    n = 0
    derived = False
    for g in rec.get("checklist_raw") or []:
        group = clean(g.get("group", "")).rstrip(":").strip()
        if "lưu ý" in group.lower():
            continue
        case_group = bool(group) and ("trường hợp" in group.lower() or "đối với" in group.lower())
        for it in g.get("items") or []:
            name = clean(it.get("name"))
            if not name:
                continue
            ccode = (it.get("code") or "").strip()
            if not ccode:
                n += 1
                ccode = f"{code}.TP{n:02d}"
                derived = True
            if ccode in comps:
                if group and group not in comps[ccode]["_groups"]:
                    comps[ccode]["_groups"].append(group)
                continue
            comps[ccode] = {
                "code": ccode, "name": name,
                "required": not (is_conditional(name) or case_group),
                "_groups": [group] if group else [],
            }
    out = []
    for c in comps.values():
        name = c["name"]
        if c["_groups"]:
            name = f"{name} ({'; '.join(c['_groups'])})"
        out.append(OrderedDict(code=c["code"], name=name, required=c["required"]))
    return out, derived


def fee_entries(ch, note_bits):
    """Return (fees | None, feeText) for one detail-channel."""
    rows = ch.get("fees") or []
    texts = []
    for f in rows:
        t = clean(f.get("text"))
        if t and t not in texts:
            texts.append(t)
    if not rows:
        return [], "Nguồn (trang DVCQG) không liệt kê khoản phí, lệ phí nào"
    if all((f.get("value_vnd") == 0 and not clean(f.get("text"))) for f in rows):
        return [], "Không thu phí, lệ phí (nguồn ghi 0 đồng)"
    fees = []
    unknown = False
    counters = {"PHI": 0, "LP": 0}
    for f in rows:
        v = f.get("value_vnd")
        t = clean(f.get("text"))
        if v is None or (v == 0 and t):
            unknown = True
            continue
        m = AMOUNT_IN_TEXT.search(t or "")
        if m and v < 1000:
            txt_amount = int(m.group(1).replace(".", ""))
            note_bits.append(f"giá trị {v} trong dữ liệu parse bị lỗi; lấy {txt_amount} đồng từ chính văn bản phí của nguồn")
            v = txt_amount
        prefix = "PHI" if f.get("type") == "FEE" else "LP"
        counters[prefix] += 1
        label = "Phí" if prefix == "PHI" else "Lệ phí"
        fees.append(OrderedDict(
            code=f"{prefix}{counters[prefix]:02d}",
            name=f"{label} {v:,} đồng".replace(",", ".") + (f" – {t[:160]}" if t else ""),
            amountVnd=int(v), default=False,
            note="Mã phí tự đặt (nguồn không có mã); " + ("trường hợp áp dụng không ghi trong nguồn" if len(rows) > 1 else "khoản duy nhất nguồn liệt kê"),
        ))
    if fees and not unknown and len(fees) == 1:
        fees[0]["default"] = True
    if not fees:
        return None, "; ".join(texts) if texts else "Nguồn có dòng phí/lệ phí nhưng không ghi mức thu"
    return fees, "; ".join(texts) if texts else None


def channels_from(rec, note_bits, unverified):
    by = OrderedDict()
    for ch in rec.get("channels") or []:
        name = CH_MAP.get(ch.get("method"))
        if not name:
            continue
        by.setdefault(name, []).append(ch)
    out = []
    for name in CH_ORDER:
        if name not in by:
            continue
        entries = by[name]
        times = []
        for ch in entries:
            p = ch.get("processing") or {}
            unit = UNIT_MAP.get(p.get("unit"))
            if unit and p.get("qty") is not None:
                times.append((unit, int(p["qty"])))
        pt = None
        if times:
            units = {u for u, _ in times}
            if len(units) == 1:
                unit = times[0][0]
                amt = max(a for _, a in times)
                pt = OrderedDict(amount=amt, unit=unit)
                if len({a for _, a in times}) > 1:
                    note_bits.append(f"kênh {name}: nguồn có nhiều dòng thời hạn {sorted({a for _, a in times})} theo trường hợp, lấy mức cao nhất")
                if unit == "DAYS":
                    note_bits.append(f"kênh {name}: nguồn ghi 'ngày' (không ghi 'làm việc') nên đơn vị là DAYS")
        if pt is None:
            unverified.add("channels.processingTime")
        fees, fee_text = fee_entries(entries[0], note_bits)
        if fees is None:
            unverified.add("channels.fees")
        out.append(OrderedDict(channel=name, processingTime=pt, fees=fees, feeText=fee_text))
    return out


def min_time(channels):
    ts = [c["processingTime"] for c in channels if c["processingTime"]]
    if not ts or len({t["unit"] for t in ts}) != 1:
        return None
    return OrderedDict(amount=min(t["amount"] for t in ts), unit=ts[0]["unit"])


def from_detail(rec, cat, agency_code, *, name=None, steps=None, step_name=None,
                extra_note="", extra_unverified=(), cutoff=None, channel_override=None,
                agency_unverified=False):
    code = rec["code"]
    note_bits = []
    unverified = set(extra_unverified)
    unverified.add("onlineLevel")
    channels = channels_from(rec, note_bits, unverified)
    if channel_override:
        channels = channel_override(channels)
        unverified.discard("channels.processingTime")
        if any(c["processingTime"] is None for c in channels):
            unverified.add("channels.processingTime")
    comps, derived = components_from(rec, code)
    if not comps:
        unverified.add("components")
    if derived:
        note_bits.append("một số mã thành phần hồ sơ tự đặt (<mã TTHC>.TPnn) vì nguồn không có mã")
    cat_entry = (cat.get(code) or [None])[0]
    field = rec.get("category")
    if field:
        field = OrderedDict(code=field.get("code"), name=field.get("name"))
    elif cat_entry and cat_entry.get("categories"):
        field = OrderedDict(code=None, name=cat_entry["categories"][0])
        unverified.add("field.code")
    else:
        field = None
        unverified.add("field")
    if steps is None:
        st = min_time(channels)
        ea = clean(rec.get("executing_agency")) or "Cơ quan giải quyết"
        steps = [OrderedDict(order=1, agencyCode=agency_code,
                             name=step_name or f"{ea} tiếp nhận hồ sơ từ Bộ phận Một cửa, thẩm định và giải quyết",
                             processingTime=st)]
        note_bits.append("bước xử lý gộp thành 1 bước tại cơ quan giải quyết với thời hạn ngắn nhất của các kênh; việc chia bước không có trong nguồn")
    ch_notes = []
    for ch in rec.get("channels") or []:
        t = clean(ch.get("note"))
        if t and t not in ch_notes:
            ch_notes.append(t)
    cases = rec.get("processing_cases") or []
    case_txt = ", ".join(f"{c['case_code']}: {c['qty']} {c['unit']}" for c in cases)
    note = []
    if extra_note:
        note.append(extra_note)
    note.append("Nguồn: trang chi tiết TTHC trên Cổng DVCQG (crawl 2026-07-18). Cơ quan thực hiện theo nguồn: "
                + (clean(rec.get("executing_agency")) or "(trống)") + "; ban hành: " + (rec.get("promulgating_agency") or "?") + ".")
    if ch_notes:
        note.append("Ghi chú thời hạn của nguồn: " + " | ".join((x[:400] + "…") if len(x) > 400 else x for x in ch_notes[:2]))
    if case_txt:
        note.append("Các trường hợp thời hạn (processing_cases): " + case_txt + ".")
    if note_bits:
        note.append("Xử lý dữ liệu: " + "; ".join(dict.fromkeys(note_bits)) + ".")
    note.append("'required' suy ra từ cách diễn đạt của nguồn ('nếu có', 'trường hợp…', nhóm theo trường hợp) – không phải trường của nguồn.")
    note.append("Mức độ DVC trực tuyến (toàn trình/một phần) nguồn không ghi.")
    if agency_unverified:
        unverified.add("agencyCode")
    legal = [OrderedDict(code=clean(l.get("code")) or None, name=clean(l.get("name"))) for l in rec.get("legal_basis") or []]
    return OrderedDict(
        code=code, localCode=None, name=name or clean(rec["name"]), field=field,
        agencyCode=agency_code, onlineLevel=None, channels=channels, cutoffTime=cutoff,
        components=comps, steps=steps, results=[clean(x) for x in rec.get("results") or []],
        legalBasis=legal, subjects=list(rec.get("subject_types") or []),
        source=(rec.get("source") or {}).get("url", "") + " (qua /work/shared/data/procedure-details.jsonl, github:VoidKeishi/OpenGOV data/procedures/" + code + ".json)",
        unverified=sorted(unverified), note=" ".join(note),
    )


def step(order, key, name, amount=None, unit=None):
    return OrderedDict(order=order, agencyCode=AG[key], name=name,
                       processingTime=OrderedDict(amount=amount, unit=unit) if amount is not None else None)


# Multi-agency steps read from steps_raw of the Thanh Hóa detail pages.
LAND_STEPS = {
    "1.115498": [
        step(1, "SNNMT", "Sở NN&MT gửi hồ sơ phương án sử dụng đất lấy ý kiến các sở, ban, ngành và UBND cấp xã nơi có đất; trình UBND tỉnh thành lập Hội đồng thẩm định", 5, "WORKING_DAYS"),
        step(2, "SNNMT", "Các sở, ban, ngành liên quan và UBND cấp xã nơi có đất gửi ý kiến bằng văn bản đến Sở NN&MT (thời gian của cơ quan được lấy ý kiến)", 10, "DAYS"),
        step(3, "SNNMT", "Sở NN&MT tổ chức họp Hội đồng thẩm định", 5, "WORKING_DAYS"),
        step(4, "SNNMT", "Sở NN&MT trình Chủ tịch UBND tỉnh phê duyệt (hồ sơ không phải chỉnh sửa)", 5, "WORKING_DAYS"),
        step(5, "UBNDT", "Chủ tịch UBND tỉnh xem xét, phê duyệt phương án sử dụng đất", 5, "WORKING_DAYS"),
    ],
    "1.115499": [
        step(1, "SNNMT", "Sở NN&MT rà soát, kiểm tra hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan chuyên môn"),
        step(2, "STC", "Sở Tài chính (dự án ngoài KKT, KCN) – hoặc BQL KKT Nghi Sơn và các KCN (dự án trong KKT, KCN) – có văn bản xác định ưu đãi đầu tư, trả lời Sở NN&MT", 3, "WORKING_DAYS"),
        step(3, "SNNMT", "Sở NN&MT hoàn thiện hồ sơ, trình Chủ tịch UBND tỉnh"),
        step(4, "UBNDT", "Chủ tịch UBND tỉnh ban hành quyết định giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất"),
        step(5, "THUE", "Cơ quan Thuế tính, thông báo tiền sử dụng đất, tiền thuê đất (Sở NN&MT chuyển Phiếu chuyển thông tin trong 03 ngày kể từ khi có quyết định)"),
        step(6, "SNNMT", "Sở NN&MT ký hợp đồng thuê đất, ký Giấy chứng nhận, bàn giao đất; chuyển kết quả về Bộ phận Một cửa"),
    ],
    "1.115501": [
        step(1, "SNNMT", "Sở NN&MT rà soát, kiểm tra hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan chuyên môn"),
        step(2, "STC", "Sở Tài chính (dự án ngoài KKT, KCN) – hoặc BQL KKT Nghi Sơn và các KCN (dự án trong KKT, KCN) – có văn bản xác định ưu đãi đầu tư, trả lời Sở NN&MT", 3, "WORKING_DAYS"),
        step(3, "SNNMT", "Sở NN&MT hoàn thiện hồ sơ, trình Chủ tịch UBND tỉnh"),
        step(4, "UBNDT", "Chủ tịch UBND tỉnh ban hành quyết định cho phép chuyển mục đích, chuyển hình thức, gia hạn, điều chỉnh thời hạn sử dụng đất"),
        step(5, "THUE", "Cơ quan Thuế tính, thông báo tiền sử dụng đất, tiền thuê đất (Sở NN&MT chuyển Phiếu chuyển thông tin trong 03 ngày kể từ khi có quyết định)"),
        step(6, "SNNMT", "Sở NN&MT ký hợp đồng, ký Giấy chứng nhận, bàn giao đất; chuyển kết quả về Bộ phận Một cửa"),
    ],
    "1.115505": [
        step(1, "SNNMT", "Sở NN&MT kiểm tra, thẩm định hồ sơ, kiểm tra thực địa (nếu cần), trình Chủ tịch UBND tỉnh"),
        step(2, "UBNDT", "Chủ tịch UBND tỉnh có văn bản chấp thuận hoặc không chấp thuận (kể từ ngày nhận văn bản thẩm định của Sở NN&MT)", 5, "WORKING_DAYS"),
    ],
    "1.115506": [
        step(1, "SNNMT", "Sở NN&MT trình Chủ tịch UBND tỉnh xem xét"),
        step(2, "UBNDT", "Chủ tịch UBND tỉnh có văn bản cho phép hoặc không cho phép thực hiện phương án thỏa thuận nhận quyền sử dụng đất (kể từ ngày Sở NN&MT có văn bản trình)", 3, "WORKING_DAYS"),
    ],
}
MULTI_NOTE = ("Các bước liên thông và thời hạn từng bước đọc từ trình tự thực hiện của nguồn; bước không ghi thời hạn để null. "
              "Thời gian xác định nghĩa vụ tài chính (cơ quan Thuế) theo nguồn không tính vào thời hạn giải quyết.")

# ---------------------------------------------------------------------------
# Curated records (facts found with the search tool; source on each record)
# ---------------------------------------------------------------------------

def ch(channel, amount, unit, fees, fee_text):
    return OrderedDict(channel=channel,
                       processingTime=OrderedDict(amount=amount, unit=unit) if amount is not None else None,
                       fees=fees, feeText=fee_text)


def fee(code, name, amount, default, note):
    return OrderedDict(code=code, name=name, amountVnd=amount, default=default, note=note)


def comp(code, name, required):
    return OrderedDict(code=code, name=name, required=required)


LLTP_FEES = [
    fee("PHI01", "Phí cung cấp thông tin lý lịch tư pháp – mức chung", 200000, False,
        "200.000 đồng/lần/người (TT 16/2025/TT-BTC, áp dụng từ 01/01/2026 theo thông báo Công an tỉnh Tuyên Quang). default=false vì có trường hợp giảm/miễn. Mã phí tự đặt."),
    fee("PHI02", "Phí cung cấp thông tin lý lịch tư pháp – học sinh từ đủ 16 tuổi, sinh viên, người có công, thân nhân liệt sỹ", 100000, False,
        "100.000 đồng/lần/người (cùng nguồn). Mã phí tự đặt."),
    fee("PHI03", "Miễn phí – trẻ em, người cao tuổi, người khuyết tật, hộ nghèo/cận nghèo, người cư trú xã đặc biệt khó khăn, xã biên giới, an toàn khu", 0, False,
        "Trường hợp miễn theo TT 16/2025/TT-BTC (cùng nguồn). Mã phí tự đặt."),
]
LLTP_FEE_TEXT = ("Phí cung cấp thông tin LLTP 200.000 đồng/lần/người; 100.000 đồng cho học sinh từ đủ 16 tuổi, sinh viên, người có công, thân nhân liệt sỹ; "
                 "miễn cho trẻ em, người cao tuổi, người khuyết tật, hộ nghèo, cận nghèo, người cư trú tại xã đặc biệt khó khăn… (TT 16/2025/TT-BTC, từ 01/01/2026)")

CURATED = [
    OrderedDict(
        code="2.000488", localCode=None,
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        field=OrderedDict(code=None, name="Lý lịch tư pháp"),
        agencyCode=AG["CAT"], onlineLevel=None,
        channels=[ch("COUNTER", 10, "DAYS", LLTP_FEES, LLTP_FEE_TEXT),
                  ch("ONLINE", 10, "DAYS", LLTP_FEES, LLTP_FEE_TEXT),
                  ch("POSTAL", 10, "DAYS", LLTP_FEES, LLTP_FEE_TEXT)],
        cutoffTime=None,
        components=[
            comp("2.000488.TP01", "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu", True),
            comp("2.000488.TP02", "Bản chụp Chứng minh nhân dân/Căn cước công dân hoặc hộ chiếu của người được cấp Phiếu", True),
            comp("2.000488.TP03", "Văn bản ủy quyền (trường hợp ủy quyền cho người khác làm thủ tục yêu cầu cấp Phiếu lý lịch tư pháp số 1)", False),
        ],
        steps=[step(1, "CAT", "Công an tỉnh tiếp nhận (TTPVHCC tỉnh, Cổng DVCQG, VNeID, bưu chính), tra cứu, xác minh và cấp Phiếu lý lịch tư pháp", 10, "DAYS")],
        results=["Phiếu lý lịch tư pháp"],
        legalBasis=[OrderedDict(code=None, name="Luật Lý lịch tư pháp năm 2009"),
                    OrderedDict(code="16/2025/TT-BTC", name="Thông tư 16/2025/TT-BTC ngày 24/4/2025 quy định mức thu, chế độ thu, nộp, quản lý, sử dụng phí cung cấp thông tin lý lịch tư pháp")],
        subjects=["Công dân Việt Nam", "Người nước ngoài cư trú tại Việt Nam", "Người Việt Nam định cư ở nước ngoài"],
        source=("https://congan.tuyenquang.gov.vn/vi/tin-bai/thong-bao-ve-viec-thuc-hien-muc-thu-phi-cung-cap-thong-tin-ly-lich-tu-phap?id=183366&type=NEWS (phí); "
                "https://conganthanhhoa.vn/danh-sach-dich-vu-cong/ly-lich-tu-phap/cap-phieu-ly-lich-tu-phap-theo-yeu-cau-cua-co-quan-tien-hanh-to-tung-doi-tuong-la-cong-dan-viet-nam-nguoi-nuoc-ngoai-dan.html (thời hạn 10/15 ngày, Công an Thanh Hóa); "
                "http://pvsecurity.vn/vn/thu-tuc-cap-phieu-ly-lich-tu-phap-cho-cong-dan-viet-nam-dang-cu-tru-tai-viet-nam-a95.html (thời hạn); "
                "https://vinanet.vn/van-ban-phap-luat/quyet-dinh-1050qd-btp-cong-bo-2-thu-tuc-hanh-chinh-sua-doi-linh-vuc-ly-lich-tu-phap-745340.html (thành phần hồ sơ, QĐ 1050/QĐ-BTP 2021); "
                "https://www.vietnam.vn/en/cong-an-thanh-hoa-giai-quyet-tra-ket-qua-tren-12-000-ho-so-moi (Công an Thanh Hóa nhận từ 01/3/2025, 4 kênh)"),
        unverified=["onlineLevel", "components", "field.code"],
        note=("Cơ quan: Công an tỉnh Thanh Hóa theo DOMAIN.md §0 và nguồn báo Thanh Hóa (nhận từ Sở Tư pháp từ 01/3/2025). XUNG ĐỘT: procedures-research.json gán Sở Tư pháp (nguồn seed Hưng Yên) – không dùng. "
              "Mã 2.000488 (Bộ Tư pháp) không còn trong danh mục DVCQG crawl 2026-07-18; thủ tục tương ứng hiện mang mã 3.000333 (Bộ Công an, 'Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, người Việt Nam đang cư trú ở nước ngoài') – giữ mã 2.000488 theo yêu cầu, cần ánh xạ sang 3.000333 khi đồng bộ DVCQG. "
              "Thời hạn 10 ngày (không ghi 'làm việc' → DAYS); không quá 15 ngày nếu đã cư trú nhiều nơi, có thời gian ở nước ngoài, người nước ngoài hoặc phải xác minh điều kiện đương nhiên xóa án tích. "
              "Thành phần hồ sơ lấy từ QĐ 1050/QĐ-BTP (2021), mẫu tờ khai đã đổi sang mẫu năm 2025 (Mẫu số …/2025/LLTP) – chưa đối chiếu danh mục mới nên đánh dấu unverified. Mã thành phần, mã phí tự đặt. "
              "Phí như nhau cho mọi kênh theo TT 16/2025 (nguồn không tách theo kênh). Bước xử lý gộp 1 bước tại Công an tỉnh – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="3.000347", localCode=None, name="Đổi giấy phép lái xe",
        field=OrderedDict(code=None, name="Sát hạch, cấp giấy phép lái xe"),
        agencyCode=AG["CAT"], onlineLevel=None,
        channels=[
            ch("COUNTER", 5, "WORKING_DAYS",
               [fee("LP01", "Lệ phí cấp giấy phép lái xe (nộp trực tiếp)", 135000, True, "135.000 đồng (Thông tư 37/2023/TT-BTC theo nguồn). Mã phí tự đặt.")],
               "Lệ phí 135.000 đồng/giấy phép"),
            ch("ONLINE", 5, "WORKING_DAYS",
               [fee("LP01", "Lệ phí cấp giấy phép lái xe (nộp trực tuyến)", 115000, True, "115.000 đồng khi nộp trực tuyến (nguồn dẫn Thông tư 63/2023/TT-BTC). Mã phí tự đặt.")],
               "Lệ phí 115.000 đồng khi nộp trực tuyến"),
        ],
        cutoffTime=None,
        components=[
            comp("3.000347.TP01", "Đơn đề nghị đổi giấy phép lái xe theo mẫu", True),
            comp("3.000347.TP02", "Giấy khám sức khỏe của người lái xe do cơ sở y tế đủ điều kiện cấp (trừ hạng A1, A, B1)", False),
            comp("3.000347.TP03", "Bản sao hoặc bản sao điện tử có chứng thực giấy phép lái xe và căn cước công dân", True),
            comp("3.000347.TP04", "Hộ chiếu còn thời hạn (người nước ngoài, người Việt Nam định cư ở nước ngoài)", False),
        ],
        steps=[step(1, "CAT", "Phòng Cảnh sát giao thông Công an tỉnh (hoặc điểm tiếp nhận Công an cấp xã) tiếp nhận, xét duyệt và cấp đổi giấy phép lái xe", 5, "WORKING_DAYS")],
        results=["Giấy phép lái xe"],
        legalBasis=[OrderedDict(code="37/2023/TT-BTC", name="Thông tư 37/2023/TT-BTC (lệ phí cấp giấy phép lái xe, theo nguồn)"),
                    OrderedDict(code="63/2023/TT-BTC", name="Thông tư 63/2023/TT-BTC (mức lệ phí khi nộp trực tuyến, theo nguồn)")],
        subjects=["Công dân Việt Nam", "Người nước ngoài", "Người Việt Nam định cư ở nước ngoài"],
        source=("https://tracuuquyhoach.com/tin-tuc/tin-vui-cho-tai-xe-tu-1-3-doi-giay-phep-lai-xe-tai-xa-phuong-nhan-ket-qua-sau-5-ngay-51582965 (hồ sơ, lệ phí, 5 ngày làm việc, nơi nộp: Công an xã và Phòng CSGT công an tỉnh); "
                "https://motcua.daklak.gov.vn/block/phieu-huong-dan/thu-tuc/18458 (bản trước 2025: 05 ngày làm việc, 135.000 đồng); " + CAT_SRC + " (mã, tên, lĩnh vực, đối tượng)"),
        unverified=["onlineLevel", "field.code"],
        note=("Nguồn thứ cấp (bài báo tổng hợp) – nên đối chiếu trang DVCQG. Danh mục DVCQG ghi cơ quan thực hiện gồm Công an cấp xã; Phòng CSGT Công an tỉnh cũng tiếp nhận (theo nguồn) nên gán Công an tỉnh. "
              "Kênh bưu chính không được nguồn nêu nên không liệt kê. Mã thành phần, mã phí tự đặt; 'required' suy ra từ cách diễn đạt. Bước xử lý gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="1.001432", localCode=None,
        name="Thủ tục cấp đổi thẻ hướng dẫn viên du lịch quốc tế, thẻ hướng dẫn viên du lịch nội địa",
        field=OrderedDict(code=None, name="Du lịch"),
        agencyCode=AG["SVHTTDL"], onlineLevel="FULL",
        channels=[ch(c, 10, "DAYS",
                     [fee("PHI01", "Phí thẩm định cấp đổi thẻ hướng dẫn viên du lịch", 650000, True, "650.000 đồng/thẻ theo nguồn. Mã phí tự đặt.")],
                     "Phí: 650.000 đồng/thẻ") for c in ("COUNTER", "ONLINE", "POSTAL")],
        cutoffTime=None,
        components=[
            comp("1.001432.TP01", "Đơn đề nghị cấp đổi thẻ hướng dẫn viên du lịch (Phụ lục III ban hành kèm theo Thông tư số 13/2019/TT-BVHTTDL ngày 25/11/2019)", True),
            comp("1.001432.TP02", "Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp trong thời hạn không quá 06 tháng tính đến thời điểm nộp hồ sơ", True),
            comp("1.001432.TP03", "Sơ yếu lý lịch có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú", True),
            comp("1.001432.TP04", "02 ảnh chân dung màu cỡ 3 cm x 4 cm", True),
            comp("1.001432.TP05", "Bản sao có chứng thực giấy chứng nhận đã qua khóa cập nhật kiến thức cho hướng dẫn viên du lịch do Sở Du lịch/Sở Văn hóa, Thể thao và Du lịch cấp", True),
            comp("1.001432.TP06", "Thẻ hướng dẫn viên du lịch đã được cấp", True),
        ],
        steps=[step(1, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch Thanh Hóa thẩm định và cấp đổi thẻ", 10, "DAYS")],
        results=["Thẻ hướng dẫn viên du lịch (cấp đổi)"],
        legalBasis=[OrderedDict(code="13/2019/TT-BVHTTDL", name="Thông tư số 13/2019/TT-BVHTTDL ngày 25/11/2019 (mẫu đơn)")],
        subjects=["Công dân Việt Nam"],
        source="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=192145 (cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch Thanh Hóa; địa chỉ trực tuyến dichvucong.thanhhoa.gov.vn (toàn trình))",
        unverified=["field.code"],
        note=("Thời hạn '10 ngày kể từ ngày nhận được hồ sơ hợp lệ' (không ghi 'làm việc' → DAYS). onlineLevel FULL vì nguồn ghi 'toàn trình'. "
              "Mã thành phần và mã phí tự đặt (nguồn không hiển thị mã). Bước xử lý gộp 1 bước – chia bước không có trong nguồn. Mã và tên khớp danh mục DVCQG (national-catalogue.jsonl)."),
    ),
    OrderedDict(
        code="1.004623", localCode=None, name="Thủ tục cấp thẻ hướng dẫn viên du lịch nội địa",
        field=OrderedDict(code=None, name="Du lịch"),
        agencyCode=AG["SVHTTDL"], onlineLevel=None,
        channels=[ch(c, 15, "DAYS",
                     [fee("PHI01", "Phí thẩm định cấp thẻ hướng dẫn viên du lịch nội địa", 650000, True, "650.000 đồng/thẻ (Thông tư 33/2018/TT-BTC theo nguồn). Mã phí tự đặt.")],
                     "650.000 đồng/thẻ (Thông tư số 33/2018/TT-BTC)") for c in ("COUNTER", "POSTAL")],
        cutoffTime=None,
        components=[
            comp("1.004623.TP01", "Đơn đề nghị cấp thẻ hướng dẫn viên du lịch nội địa (Mẫu số 11 Phụ lục II Thông tư 06/2017/TT-BVHTTDL, thay thế bởi Phụ lục II Thông tư 13/2019/TT-BVHTTDL)", True),
            comp("1.004623.TP02", "Sơ yếu lý lịch có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú", True),
            comp("1.004623.TP03", "Bản sao có chứng thực bằng tốt nghiệp trung cấp trở lên chuyên ngành hướng dẫn du lịch (hoặc chuyên ngành khác kèm chứng chỉ nghiệp vụ theo quy định)", True),
        ],
        steps=[step(1, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch thẩm định hồ sơ và cấp thẻ", 15, "DAYS")],
        results=["Thẻ hướng dẫn viên du lịch nội địa"],
        legalBasis=[OrderedDict(code="09/2017/QH14", name="Luật Du lịch 09/2017/QH14"),
                    OrderedDict(code="06/2017/TT-BVHTTDL", name="Thông tư 06/2017/TT-BVHTTDL"),
                    OrderedDict(code="33/2018/TT-BTC", name="Thông tư 33/2018/TT-BTC (phí)")],
        subjects=["Công dân Việt Nam"],
        source=("https://dichvucong.quangtri.gov.vn/quangtri/tracuu/chi-tiet-thu-tuc?ma-thu-tuc=23540 (thời hạn, phí, căn cứ – bản của tỉnh Quảng Trị, ký hiệu 1.004623.000.00.00.H50); "
                "https://kvi.vn/thu-tuc-doi-cap-the-huong-dan-vien-noi-dia-va-quoc-te.htm (thành phần hồ sơ, bị cắt)"),
        unverified=["onlineLevel", "components", "field.code"],
        note=("Thủ tục chuẩn quốc gia do Sở VHTTDL thực hiện; thời hạn và phí lấy từ trang DVC tỉnh Quảng Trị (phí theo TT 33/2018 áp dụng toàn quốc). "
              "Danh sách thành phần hồ sơ CHƯA ĐỦ (nguồn bị cắt, còn giấy khám sức khỏe, ảnh… theo quy định) → components unverified. Kênh trực tuyến có nhưng nguồn không ghi thời hạn nên không liệt kê. "
              "Mã thành phần, mã phí tự đặt. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="2.000908", localCode=None, name="Thủ tục cấp bản sao từ sổ gốc",
        field=OrderedDict(code=None, name="Chứng thực"),
        agencyCode=AG["SGDDT"], onlineLevel="FULL",
        channels=[ch("COUNTER", 0, "WORKING_DAYS", [], "Phí: không"),
                  ch("ONLINE", 0, "WORKING_DAYS", [], "Phí: không"),
                  ch("POSTAL", 0, "WORKING_DAYS", [], "Phí: không")],
        cutoffTime="15:00",
        components=[
            comp("2.000908.TP01", "Trường hợp nộp trực tiếp: xuất trình bản chính hoặc bản sao có chứng thực giấy chứng minh nhân dân hoặc hộ chiếu còn giá trị sử dụng", False),
            comp("2.000908.TP02", "Trường hợp gửi qua bưu điện: bản sao có chứng thực giấy chứng minh nhân dân hoặc hộ chiếu còn giá trị sử dụng, phong bì dán tem ghi rõ họ tên, địa chỉ người nhận", False),
            comp("2.000908.TP03", "Trường hợp người yêu cầu là người đại diện, cha, mẹ, con, vợ, chồng, anh, chị, em ruột, người thừa kế của người được cấp bản chính: giấy tờ chứng minh quan hệ với người được cấp bản chính", False),
        ],
        steps=[step(1, "SGDDT", "Cơ quan đang quản lý sổ gốc (Sở GD&ĐT) đối chiếu sổ gốc và cấp bản sao", 0, "WORKING_DAYS")],
        results=["Bản sao từ sổ gốc"],
        legalBasis=[],
        subjects=["Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"],
        source=("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=162776 (bản Thanh Hóa: địa chỉ trực tuyến dichvucong.thanhhoa.gov.vn (toàn trình); "
                "cơ quan thực hiện: Sở Giáo dục đào tạo, cơ quan, tổ chức đang quản lý sổ gốc, UBND…); " + CAT_SRC + " (mã 2.000908, lĩnh vực Chứng thực)"),
        unverified=["field.code", "legalBasis"],
        note=("Thời hạn 'trong ngày' được mã hóa amount=0 (trả trong ngày tiếp nhận); tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo → cutoffTime 15:00 (theo nguồn). "
              "Qua bưu điện: thực hiện ngay sau khi nhận đủ hồ sơ theo dấu bưu điện đến. Mã 2.000908 ghép theo tên trùng khớp với danh mục DVCQG (trang nguồn không hiện mã). "
              "Cơ quan: trang nguồn liệt kê nhiều cơ quan quản lý sổ gốc; gán Sở GD&ĐT (cơ quan cấp tỉnh đầu tiên được nêu). Các mục hồ sơ trên nguồn đều là 'trường hợp…' nên required=false (suy ra). "
              "Mã thành phần tự đặt. Căn cứ pháp lý nguồn không hiển thị."),
    ),
]


CURATED += [
    OrderedDict(
        code="1.013859", localCode=None, name="Cấp thẻ công chứng viên",
        field=OrderedDict(code=None, name="Công chứng"),
        agencyCode=AG["STP"], onlineLevel=None,
        channels=[ch(c, 5, "WORKING_DAYS",
                     [fee("LP01", "Lệ phí cấp thẻ công chứng viên", 100000, True, "100.000 đồng theo nguồn. Mã phí tự đặt.")],
                     "Lệ phí: 100.000 đồng") for c in ("COUNTER", "ONLINE", "POSTAL")],
        cutoffTime=None,
        components=[
            comp("1.013859.TP01", "Bản chính hoặc bản sao có chứng thực hoặc bản sao điện tử Quyết định bổ nhiệm hoặc bổ nhiệm lại công chứng viên kèm theo 02 ảnh 2cm x 3cm của mỗi công chứng viên (ảnh chụp không quá 06 tháng trước ngày nộp hồ sơ) (Đối với công chứng viên của Phòng công chứng)", False),
            comp("1.013859.TP02", "Bản chính hoặc bản sao có chứng thực hoặc bản sao điện tử giấy tờ chứng minh công chứng viên là hội viên Hội công chứng viên tại địa phương (Đối với công chứng viên của Phòng công chứng)", False),
            comp("1.013859.TP03", "Đơn đề nghị cấp thẻ công chứng viên (theo Mẫu TP-CC-05 ban hành kèm theo Thông tư số 05/2025/TT-BTP) (Đối với công chứng viên của Phòng công chứng)", False),
            comp("1.013859.TP04", "Đối với công chứng viên của Văn phòng công chứng: hồ sơ đề nghị cấp thẻ được bao gồm trong hồ sơ đề nghị đăng ký hoạt động", False),
        ],
        steps=[step(1, "STP", "Sở Tư pháp ra quyết định và cấp thẻ cho công chứng viên (kể từ ngày nhận đủ hồ sơ hợp lệ)", 5, "WORKING_DAYS")],
        results=["Thẻ công chứng viên"],
        legalBasis=[OrderedDict(code="05/2025/TT-BTP", name="Thông tư số 05/2025/TT-BTP (mẫu đơn TP-CC-05)")],
        subjects=["Tổ chức (không bao gồm doanh nghiệp, HTX)"],
        source="https://thutuc.dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=399157 (trang TTHC chuẩn của CSDLQG về TTHC); " + CAT_SRC + " (mã 1.013859, cơ quan 'Sở Tư Pháp')",
        unverified=["onlineLevel", "field.code"],
        note=("Trang TTHC chuẩn quốc gia (không riêng Thanh Hóa). Thành phần hồ sơ tách theo Phòng công chứng / Văn phòng công chứng nên required=false (suy ra: phụ thuộc trường hợp); "
              "đoạn về Văn phòng công chứng bị cắt ở cuối trích đoạn. Mã thành phần, mã phí tự đặt. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="2.001199", localCode=None, name="Đăng ký thành lập công ty TNHH hai thành viên trở lên",
        field=OrderedDict(code=None, name="Thành lập và hoạt động của doanh nghiệp"),
        agencyCode=AG["STC"], onlineLevel=None,
        channels=[
            ch("COUNTER", 3, "WORKING_DAYS",
               [fee("PHI01", "Phí công bố nội dung đăng ký doanh nghiệp", 100000, False, "100.000 đồng/lần (TT 47/2019/TT-BTC theo nguồn); hoàn trả nếu không được cấp đăng ký. Mã phí tự đặt."),
                fee("LP01", "Lệ phí đăng ký doanh nghiệp", 50000, False, "50.000 đồng/lần (TT 47/2019/TT-BTC theo nguồn); không hoàn trả. Mã phí tự đặt.")],
               "Phí công bố nội dung ĐKDN 100.000 đồng/lần; lệ phí đăng ký doanh nghiệp 50.000 đồng/lần (TT 47/2019/TT-BTC)"),
            ch("ONLINE", 3, "WORKING_DAYS",
               [fee("PHI01", "Phí công bố nội dung đăng ký doanh nghiệp", 100000, True, "100.000 đồng/lần; lệ phí đăng ký doanh nghiệp 0 đồng (miễn khi đăng ký qua mạng) theo nguồn. Mã phí tự đặt.")],
               "Phí công bố 100.000 đồng/lần; miễn lệ phí đăng ký doanh nghiệp khi đăng ký qua mạng điện tử"),
        ],
        cutoffTime=None, components=[],
        steps=[step(1, "STC", "Cơ quan đăng ký kinh doanh cấp tỉnh (Sở Tài chính) xem xét tính hợp lệ và cấp đăng ký doanh nghiệp", 3, "WORKING_DAYS")],
        results=["Giấy chứng nhận đăng ký doanh nghiệp"],
        legalBasis=[OrderedDict(code="47/2019/TT-BTC", name="Thông tư số 47/2019/TT-BTC (phí, lệ phí đăng ký doanh nghiệp)")],
        subjects=["Công dân Việt Nam", "Doanh nghiệp", "Người nước ngoài", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Doanh nghiệp có vốn đầu tư nước ngoài", "Hợp tác xã", "Người Việt Nam định cư ở nước ngoài"],
        source="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=4101 (thời hạn, phí theo kênh); " + CAT_SRC + " (mã, cơ quan, đối tượng)",
        unverified=["onlineLevel", "components", "field.code"],
        note=("Trang DVCQG (không ghi ngày cập nhật) – mức phí theo TT 47/2019; lưu ý bản crawl 2026 của thủ tục cùng nhóm 2.001610 chỉ còn liệt kê phí công bố 100.000 đồng, nên lệ phí 50.000 đồng trực tiếp cần đối chiếu lại. "
              "Trích đoạn không có kênh bưu chính và thành phần hồ sơ → components trống, unverified. default=false cho kênh trực tiếp vì có 2 khoản. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="2.001583", localCode=None, name="Đăng ký thành lập công ty TNHH một thành viên",
        field=OrderedDict(code=None, name="Thành lập và hoạt động của doanh nghiệp"),
        agencyCode=AG["STC"], onlineLevel=None,
        channels=[ch("COUNTER", 3, "WORKING_DAYS", None, None), ch("POSTAL", 3, "WORKING_DAYS", None, None),
                  ch("ONLINE", None, None, None, None)],
        cutoffTime=None, components=[],
        steps=[step(1, "STC", "Cơ quan đăng ký kinh doanh cấp tỉnh (Sở Tài chính) xem xét tính hợp lệ và cấp đăng ký doanh nghiệp", 3, "WORKING_DAYS")],
        results=["Giấy chứng nhận đăng ký doanh nghiệp"],
        legalBasis=[OrderedDict(code="2354/QĐ-BTC", name="Quyết định 2354/QĐ-BTC năm 2025 (công bố TTHC, Mục 1 Phần I)"),
                    OrderedDict(code="168/2025/NĐ-CP", name="Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp")],
        subjects=["Công dân Việt Nam", "Doanh nghiệp", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Doanh nghiệp có vốn đầu tư nước ngoài", "Hợp tác xã"],
        source="https://nhansu.vn/phap-luat-viet-nam/thu-tuc-dang-ky-thanh-lap-cong-ty-tnhh-mot-thanh-vien-tu-03-07-2025-38844.html (mã 2.001583, trình tự, 03 ngày làm việc theo QĐ 2354/QĐ-BTC); " + CAT_SRC,
        unverified=["onlineLevel", "channels.fees", "channels.processingTime", "components", "field.code"],
        note=("Nguồn thứ cấp trích QĐ 2354/QĐ-BTC: trực tiếp/bưu chính 03 ngày làm việc kể từ ngày nhận hồ sơ; trích đoạn không nêu thời hạn kênh trực tuyến, phí và thành phần hồ sơ → null/unverified. "
              "Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="1.009755", localCode=None, name="Thủ tục chấp thuận nhà đầu tư thuộc thẩm quyền của Ban quản lý khu kinh tế",
        field=OrderedDict(code=None, name="Đầu tư tại Việt nam"),
        agencyCode=AG["BQLKKT"], onlineLevel=None,
        channels=[ch("COUNTER", 25, "DAYS", [], "Phí: 0 đồng (Không có)"), ch("POSTAL", 25, "DAYS", [], "Phí: 0 đồng (Không có)")],
        cutoffTime=None, components=[],
        steps=[
            step(1, "BQLKKT", "BQL KKT Nghi Sơn và các KCN gửi hồ sơ lấy ý kiến cơ quan nhà nước có liên quan"),
            step(2, "BQLKKT", "Cơ quan được lấy ý kiến có ý kiến về nội dung thuộc phạm vi quản lý, gửi BQL (thời gian của cơ quan được lấy ý kiến)", 15, "DAYS"),
            step(3, "BQLKKT", "BQL KKT Nghi Sơn và các KCN chấp thuận nhà đầu tư (tổng thời hạn 25 ngày kể từ ngày nhận hồ sơ hợp lệ)"),
        ],
        results=["Quyết định chấp thuận nhà đầu tư"],
        legalBasis=[OrderedDict(code="31/2021/NĐ-CP", name="Nghị định số 31/2021/NĐ-CP (khoản 4 Điều 30)")],
        subjects=["Công dân Việt Nam", "Doanh nghiệp", "Người nước ngoài", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Tổ chức nước ngoài", "Doanh nghiệp có vốn đầu tư nước ngoài", "Hợp tác xã", "Người Việt Nam định cư ở nước ngoài"],
        source=("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=271750 (bản Thanh Hóa: 'Thủ tục chấp thuận nhà đầu tư đối với dự án đầu tư thực hiện tại khu kinh tế quy định tại khoản 4 Điều 30 của Nghị định số 31/2021/NĐ-CP', BQL KKT Nghi Sơn và các KCN); "
                + CAT_SRC + " (mã 1.009755, tên hiện hành)"),
        unverified=["onlineLevel", "components", "field.code"],
        note=("Trang nguồn mang tên cũ của thủ tục và không hiện mã; ghép với mã 1.009755 (tên hiện hành trong danh mục; bản Lào Cai cùng mã 1.009755 có tên 'Thủ tục chấp thuận nhà đầu tư thuộc thẩm quyền của Ban Quản lý') – suy luận. "
              "Thời hạn '25 ngày' (không ghi 'làm việc' → DAYS); trong đó cơ quan được lấy ý kiến có 15 ngày. Cơ quan được lấy ý kiến không nêu cụ thể nên bước 2 gắn với BQL (cơ quan chủ trì). "
              "Nguồn chỉ liệt kê kênh trực tiếp và bưu chính. Thành phần hồ sơ bị cắt trong trích đoạn → unverified. Nội dung trang có thể là phiên bản trước khi sửa đổi Luật Đầu tư 2025."),
    ),
    OrderedDict(
        code="1.014069", localCode=None, name="Công bố cơ sở kinh doanh có tổ chức kệ thuốc",
        field=OrderedDict(code=None, name="Dược phẩm"),
        agencyCode=AG["SYT"], onlineLevel=None,
        channels=[ch(c, 5, "WORKING_DAYS", None, "Phí: Không có thông tin; Lệ phí: Không có thông tin") for c in ("COUNTER", "ONLINE", "POSTAL")],
        cutoffTime=None,
        components=[
            comp("1.014069.TP01", "Bản công bố cơ sở kinh doanh có tổ chức kệ thuốc theo Mẫu số 07", True),
            comp("1.014069.TP02", "Bản sao Quyết định thành lập hoặc Giấy chứng nhận đầu tư hoặc Giấy chứng nhận đăng ký doanh nghiệp có ký, đóng dấu xác nhận của cơ sở", True),
            comp("1.014069.TP03", "Bản sao có chứng thực văn bằng, chứng chỉ sơ cấp dược trở lên của người chịu trách nhiệm chuyên môn", True),
            comp("1.014069.TP04", "Danh mục thuốc dự kiến bán tại kệ thuốc (nằm trong Danh mục thuốc được bán tại kệ thuốc theo Phụ lục II)", True),
            comp("1.014069.TP05", "Bản chụp tủ, quầy, kệ bảo quản thuốc", True),
            comp("1.014069.TP06", "Quy trình kiểm tra, giám sát chất lượng thuốc; xuất, nhập thuốc của cơ sở", True),
        ],
        steps=[step(1, "SYT", "Sở Y tế tiếp nhận bản công bố và xử lý (kể từ ngày ghi trên Phiếu tiếp nhận hồ sơ)", 5, "WORKING_DAYS")],
        results=[], legalBasis=[],
        subjects=[],
        source="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2734 (cơ quan thực hiện: Sở Y tế); " + CAT_SRC + " (mã 1.014069)",
        unverified=["onlineLevel", "channels.fees", "results", "legalBasis", "subjects", "field.code"],
        note=("Trang DVCQG ghi 'Phí: Không có thông tin; Lệ phí: Không có thông tin' → fees null. Trang không nêu tỉnh (thủ tục chuẩn của Sở Y tế); mã 1.014069 ghép theo tên trùng với danh mục. "
              "Mã thành phần tự đặt. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
]


CURATED += [
    OrderedDict(
        code="2.000665", localCode=None, name="Cấp lại Giấy phép lập cơ sở bán lẻ",
        field=OrderedDict(code=None, name="Thương mại quốc tế"),
        agencyCode=AG["SCT"], onlineLevel=None,
        channels=[ch(c, 5, "WORKING_DAYS", [], "Phí: Không; Lệ phí: Không") for c in ("COUNTER", "ONLINE", "POSTAL")],
        cutoffTime=None,
        components=[comp("2.000665.TP01", "Đơn đề nghị cấp lại Giấy phép lập cơ sở bán lẻ (theo mẫu)", True)],
        steps=[step(1, "SCT", "Cơ quan cấp Giấy phép (Sở Công Thương) cấp lại Giấy phép lập cơ sở bán lẻ hoặc trả lời từ chối bằng văn bản", 5, "WORKING_DAYS")],
        results=["Giấy phép lập cơ sở bán lẻ"],
        legalBasis=[OrderedDict(code="09/2018/NĐ-CP", name="Nghị định 09/2018/NĐ-CP"),
                    OrderedDict(code="36/2005/QH11", name="Luật Thương mại 36/2005/QH11")],
        subjects=["Tổ chức nước ngoài", "Doanh nghiệp có vốn đầu tư nước ngoài"],
        source=("https://hanhchinhcong.kontum.gov.vn/web/guest/dich-vu-cong-truc-tuyen?…idtthc=41114 (Kon Tum: 05 ngày làm việc, phí không, lệ phí không, thành phần hồ sơ); "
                "https://dichvucong.tiengiang.gov.vn/trang-chu/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=23687 (Tiền Giang, ký hiệu 2.000665.000.00.00.H58, toàn trình: trực tiếp/trực tuyến/bưu chính 05 ngày làm việc); "
                + CAT_SRC + " (mã, cơ quan 'Sở Công Thương')"),
        unverified=["onlineLevel", "field.code"],
        note=("Thủ tục chuẩn quốc gia; số liệu lấy từ trang DVC của tỉnh Kon Tum và Tiền Giang (chưa thấy trang của Thanh Hóa). Bản Tiền Giang ghi 'toàn trình' nhưng mức độ ở Thanh Hóa chưa rõ nên onlineLevel null. "
              "Mã thành phần tự đặt. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
    OrderedDict(
        code="1.001441", localCode=None, name="Gia hạn Giấy phép lập cơ sở bán lẻ",
        field=OrderedDict(code=None, name="Thương mại quốc tế"),
        agencyCode=AG["SCT"], onlineLevel=None,
        channels=[ch(c, 5, "WORKING_DAYS", [], "Phí: Không; Lệ phí: Không") for c in ("COUNTER", "POSTAL")],
        cutoffTime=None,
        components=[
            comp("1.001441.TP01", "Kế hoạch kinh doanh tại cơ sở bán lẻ: trình bày kế hoạch kinh doanh và phát triển thị trường; nhu cầu về lao động; đánh giá tác động, hiệu quả kinh tế - xã hội của kế hoạch kinh doanh", True),
            comp("1.001441.TP02", "Kế hoạch tài chính cho việc lập cơ sở bán lẻ: báo cáo kết quả hoạt động kinh doanh … (nguồn bị cắt)", True),
        ],
        steps=[step(1, "SCT", "Cơ quan cấp Giấy phép (Sở Công Thương) kiểm tra hồ sơ và gia hạn Giấy phép lập cơ sở bán lẻ", 5, "WORKING_DAYS")],
        results=["Giấy phép lập cơ sở bán lẻ (gia hạn)"], legalBasis=[],
        subjects=["Tổ chức nước ngoài", "Doanh nghiệp có vốn đầu tư nước ngoài"],
        source="https://dichvucong.binhdinh.gov.vn/dichvucong/bothutuc/chiTietThuTuc?maThuTuc=24657 (Bình Định); " + CAT_SRC + " (mã 1.001441, cơ quan 'Sở Công Thương')",
        unverified=["onlineLevel", "components", "legalBasis", "field.code"],
        note=("Thủ tục chuẩn quốc gia; số liệu từ trang DVC tỉnh Bình Định: hồ sơ gửi ít nhất 30 ngày trước khi giấy phép hết hiệu lực; 05 ngày làm việc; phí, lệ phí: Không; kênh trực tiếp và bưu chính. "
              "Danh sách thành phần hồ sơ bị cắt trong trích đoạn → unverified. Mã thành phần tự đặt. Bước gộp 1 bước – chia bước không có trong nguồn."),
    ),
]

# Catalogue-only records (code, name, field, agency from the national catalogue;
# no deadline/fee/components in any source we could read).
CATALOGUE_ONLY = [
    ("1.014013", "STP", "Thủ tục do UBND tỉnh Thanh Hóa công bố (SPECIFIC)."),
    ("1.009642", "STC", "Danh mục liệt kê nhiều cơ quan: BQL KKT/KCN, Sở Tài chính, UBND cấp tỉnh (liên thông) – các bước và thời hạn từng cơ quan chưa có nguồn."),
    ("1.013345", "SXD", "Thủ tục do UBND tỉnh Thanh Hóa công bố; danh mục liệt kê Sở Xây dựng Thanh Hóa, BQL KKT Nghi Sơn và các KCN, UBND cấp xã."),
    ("1.013346", "SXD", "Thủ tục do UBND tỉnh Thanh Hóa công bố; danh mục liệt kê Sở Xây dựng Thanh Hóa, BQL KKT Nghi Sơn và các KCN, UBND cấp xã."),
    ("1.014598", "SNNMT", "Thủ tục do UBND tỉnh Thanh Hóa công bố (SPECIFIC)."),
    ("1.014748", "SNV", "Danh mục: 'Ủy ban nhân dân tỉnh…', 'Sở Nội Vụ' (Trung tâm Dịch vụ việc làm)."),
    ("1.014199", "SNV", "Danh mục DVCQG không ghi cơ quan thực hiện; gán Sở Nội vụ (tiếp nhận lĩnh vực lao động từ Sở LĐ-TB&XH) – suy luận, cần xác nhận."),
    ("1.014092", "SYT", ""),
    ("1.014076", "SYT", ""),
    ("2.002850", "SGDDT", "Danh mục: 'Cơ sở giáo dục', 'Sở Giáo dục và Đào tạo'."),
    ("2.002485", "SCT", "Thủ tục do UBND tỉnh Thanh Hóa công bố (SPECIFIC)."),
    ("1.005687", "SCT", "Thủ tục liên thông do UBND tỉnh Thanh Hóa công bố; danh mục liệt kê BQL KKT Nghi Sơn, Sở Công Thương, UBND cấp xã, Sở Xây dựng; theo baothanhhoa.vn (03/10/2025) TTHCC tỉnh tiếp nhận yêu cầu cấp điện trạm > 2.000 kVA, Công ty Điện lực Thanh Hóa cử giao dịch viên tại Trung tâm. Thời hạn từng bước chưa có nguồn. Bản ≤ 2.000 kVA (1.005739, cấp xã) ghi 28 hoặc 10 ngày làm việc, phí 0 đồng (dichvucong.gov.vn ma_thu_tuc=8014) – không suy sang thủ tục này."),
    ("1.004628", "SVHTTDL", ""),
    ("1.004614", "SVHTTDL", ""),
    ("1.014389", "SKHCN", ""),
    ("1.014393", "SKHCN", "Trang DVC tỉnh Lào Cai (dichvucong.laocai.gov.vn …ma-thu-tuc=122003, ký hiệu 1.014393.H38) ghi: 30 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ, phí/lệ phí: Không, toàn trình – là bản của tỉnh khác nên chưa đưa vào kênh."),
    ("1.011174", "BQLKKT", "Thủ tục do UBND tỉnh Thanh Hóa công bố (SPECIFIC)."),
    ("1.011176", "BQLKKT", "Thủ tục do UBND tỉnh Thanh Hóa công bố (SPECIFIC)."),
]

# National STANDARD detail pages with a provincial executing agency.
NATIONAL_DETAIL = {
    "2.000635": dict(key="STP"),
    "2.001610": dict(key="STC"),
    "2.001955": dict(key="SNV"),
    "1.013230": dict(key="SXD"),
    "1.013231": dict(key="SXD"),
    "1.013233": dict(key="SXD", agency_unverified=True),
    "1.013235": dict(key="SXD", agency_unverified=True),
    "1.013236": dict(key="SXD", agency_unverified=True),
    "1.013238": dict(key="SXD", agency_unverified=True),
}

# ---------------------------------------------------------------------------
# Holidays (civil-servant calendar)
# ---------------------------------------------------------------------------
H_SRC = {
    "bllđ": "Bộ luật Lao động 2019, Điều 112 (ngày lễ theo luật); không thấy thông báo hoán đổi cho dịp này",
    "tb6150_tet": "Thông báo 6150/TB-BLĐTBXH năm 2024 (thực hiện Công văn 8726/VPCP-KGVX); nội dung theo https://dienmaycholon.com/kinh-nghiem-mua-sam/lich-nghi-tet-2025 và https://licham.prices.vn/blog/lich-nghi-tet-nguyen-dan-2025 (nêu phương án 25/1–2/2/2025)",
    "gioto2025": "10/3 Âm lịch năm Ất Tỵ = thứ Hai 07/4/2025 (DOMAIN.md §3, dữ liệu kiểm thử); Bộ luật Lao động 2019 Điều 112",
    "tb6150_304": "Thông báo 6150/TB-BLĐTBXH năm 2024 – http://kntb.vn/lich-nghi-le-304-15-cong-chuc-vien-chuc-nguoi-lao-dong-di-lam-bu-vao-ngay-nao-n81956.html; https://tracuuquyhoach.com/tin-tuc/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-30-4-1-5-2025-51994339 (TTXVN/VietnamPlus)",
    "tb6150_qk": "Thông báo 6150/TB-BLĐTBXH năm 2024, mục 2 – https://baodanang.vn/chi-tiet-lich-nghi-le-quoc-khanh-2-9-nam-nay-cho-cong-chuc-vien-chuc-va-nguoi-lao-dong-3299118.html",
    "vpcp12729": "Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ tướng đồng ý nghỉ 1–4/1/2026, hoán đổi thứ Sáu 2/1 sang thứ Bảy 10/1/2026) – https://vietnamnet.vn/ban-tin-vietnamnet-26-12-chinh-phu-dong-y-nghi-4-ngay-tet-duong-lich-2026-pre2476040.html; https://www.24h.com.vn/tin-tuc-trong-ngay/ai-duoc-hoan-doi-de-nghi-tet-duong-lich-4-ngay-c46a1724830.html",
    "tb9441_tet": "Thông báo 9441/TB-BNV ngày 16/10/2025 (nghỉ 16/2–20/2/2026 + 4 ngày nghỉ hằng tuần) – https://vietbao.vn/bo-noi-vu-thong-bao-lich-nghi-tet-nguyen-dan-va-quoc-khanh-nam-2026-568329.html; http://www.congan.com.vn/?catid=702&id=388656&mod=detnews",
    "tn2026": "https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm (23/02/2026; Bộ luật Lao động: lễ trùng ngày nghỉ hằng tuần thì nghỉ bù)",
    "tb9441_qk": "Thông báo 9441/TB-BNV ngày 16/10/2025 (nghỉ 1/9 và 2/9/2026, hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8/2026, nghỉ liền 29/8–2/9) – theo https://www.vietnam.vn/ro/cong-chuc-vien-chuc-nguoi-lao-dong-hai-phong-duoc-nghi-tet-binh-ngo-lien-tuc-9-ngay (dẫn baohaiphong.vn)",
    "vhvn": "Nghị quyết 80-NQ/TW (07/01/2026) chọn 24/11 là Ngày Văn hóa Việt Nam, ngày nghỉ hưởng nguyên lương; NQ 30/NQ-CP giao sửa khoản 1 Điều 112 BLLĐ – https://vneconomy.vn/bo-sung-ngay-van-hoa-viet-nam-2411-vao-danh-muc-ngay-nghi-huong-nguyen-luong.htm; https://thanhnien.vn/nguoi-lao-dong-co-the-nghi-le-tet-toi-26-ngay-trong-nam-2026-185260113172347178.htm. Văn bản luật/NQ Quốc hội thể chế hóa (DOMAIN.md nêu NQ 28/2026/QH16) chưa đọc được",
}


def span(start, end):
    d = dt.date.fromisoformat(start)
    e = dt.date.fromisoformat(end)
    while d <= e:
        yield d.isoformat()
        d += dt.timedelta(days=1)


def holidays():
    out = []

    def add(dates, kind, name, src, conf):
        for d in dates:
            out.append(OrderedDict(date=d, kind=kind, name=name, source=H_SRC[src], confidence=conf))

    # 2025
    add(["2025-01-01"], "HOLIDAY", "Tết Dương lịch", "bllđ", "secondary")
    add(span("2025-01-25", "2025-02-02"), "HOLIDAY", "Tết Nguyên đán Ất Tỵ", "tb6150_tet", "secondary")
    add(["2025-04-07"], "HOLIDAY", "Giỗ Tổ Hùng Vương (10/3 Âm lịch)", "gioto2025", "secondary")
    add(["2025-04-26"], "WORKING_DAY", "Làm bù cho thứ Sáu 02/5/2025 (dịp 30/4–1/5)", "tb6150_304", "source")
    add(span("2025-04-30", "2025-05-04"), "HOLIDAY", "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5 (hoán đổi 02/5)", "tb6150_304", "source")
    add(span("2025-08-30", "2025-09-02"), "HOLIDAY", "Quốc khánh 2/9 (nghỉ 1/9 và 2/9)", "tb6150_qk", "source")
    # 2026
    add(span("2026-01-01", "2026-01-04"), "HOLIDAY", "Tết Dương lịch (hoán đổi thứ Sáu 02/01)", "vpcp12729", "source")
    add(["2026-01-10"], "WORKING_DAY", "Làm bù cho thứ Sáu 02/01/2026 (Tết Dương lịch)", "vpcp12729", "source")
    add(span("2026-02-14", "2026-02-22"), "HOLIDAY", "Tết Nguyên đán Bính Ngọ", "tb9441_tet", "source")
    add(["2026-04-26"], "HOLIDAY", "Giỗ Tổ Hùng Vương (10/3 Âm lịch, trùng Chủ nhật)", "tn2026", "secondary")
    add(["2026-04-27"], "HOLIDAY", "Nghỉ bù Giỗ Tổ Hùng Vương", "tn2026", "secondary")
    add(span("2026-04-30", "2026-05-03"), "HOLIDAY", "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", "tn2026", "secondary")
    add(["2026-08-22"], "WORKING_DAY", "Làm bù cho thứ Hai 31/8/2026 (Quốc khánh)", "tb9441_qk", "secondary")
    add(span("2026-08-29", "2026-09-02"), "HOLIDAY", "Quốc khánh 2/9 (nghỉ 1/9 và 2/9, hoán đổi thứ Hai 31/8)", "tb9441_qk", "secondary")
    add(["2026-11-24"], "HOLIDAY", "Ngày Văn hóa Việt Nam", "vhvn", "secondary")
    out.sort(key=lambda h: h["date"])
    return out


# ---------------------------------------------------------------------------

def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


# Fee facts for catalogue-only records (deadline/components still unknown).
HDV_FEE_SRC = ("Phí thẩm định cấp thẻ hướng dẫn viên du lịch (cấp mới, cấp đổi, cấp lại) quốc tế và nội địa: 650.000 đồng/thẻ "
               "(khoản 2 Điều 4 Thông tư 33/2018/TT-BTC, theo https://marketingdulich.net/tag/phi-doi-the-huong-dan-vien/)")
CATALOGUE_FEES = {
    "1.004628": HDV_FEE_SRC,
    "1.004614": HDV_FEE_SRC,
}


def catalogue_only(cat, code, key, extra):
    entries = cat.get(code)
    if not entries:
        raise SystemExit(f"catalogue entry {code} missing")
    e = entries[0]
    depts = [d for d in e.get("departments") or [] if d]
    note = ("Chỉ có thông tin danh mục (mã, tên, lĩnh vực, cơ quan, đối tượng) từ danh mục DVCQG crawl 2026-07-18; "
            "thời hạn, phí, thành phần hồ sơ chưa có nguồn → null. Cơ quan theo danh mục: "
            + (", ".join(depts) if depts else "(trống)") + "; ban hành: " + (e.get("departmentPromulgate") or "?") + ".")
    if extra:
        note += " " + extra
    note += " Bước xử lý: 1 bước tại cơ quan của thủ tục, không có thời hạn (chia bước không có trong nguồn)."
    unverified = ["onlineLevel", "channels", "components", "results", "legalBasis", "field.code"]
    if not depts:
        unverified.append("agencyCode")
    channels = []
    if code in CATALOGUE_FEES:
        channels = [OrderedDict(channel="COUNTER", processingTime=None,
                                fees=[OrderedDict(code="PHI01", name="Phí thẩm định cấp thẻ hướng dẫn viên du lịch", amountVnd=650000,
                                                  default=True, note="650.000 đồng/thẻ (TT 33/2018/TT-BTC). Mã phí tự đặt.")],
                                feeText=CATALOGUE_FEES[code])]
        unverified = [u for u in unverified if u != "channels"] + ["channels.processingTime"]
        note += " Phí lấy từ TT 33/2018/TT-BTC (nguồn thứ cấp); thời hạn chưa có nguồn."
    return OrderedDict(
        code=code, localCode=None, name=clean(e["name"]),
        field=OrderedDict(code=None, name=(e.get("categories") or [None])[0]),
        agencyCode=AG[key], onlineLevel=None, channels=channels, cutoffTime=None, components=[],
        steps=[OrderedDict(order=1, agencyCode=AG[key], name="Cơ quan chủ trì tiếp nhận từ Bộ phận Một cửa và giải quyết", processingTime=None)],
        results=[], legalBasis=[], subjects=list(e.get("formalityTargetType") or []),
        source=CAT_SRC + f" (mã {code}); dịch vụ công: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{e.get('id')}",
        unverified=unverified, note=note,
    )


def build(shared):
    details = {r["code"]: r for r in load_jsonl(os.path.join(shared, "procedure-details.jsonl"))}
    cat = {}
    for r in load_jsonl(os.path.join(shared, "national-catalogue.jsonl")):
        cat.setdefault(r["code"], []).append(r)

    procs = []
    # 1. Thanh Hóa land procedures (provincial executing agencies only)
    for code, r in sorted(details.items()):
        if r.get("promulgating_agency") != "UBND tỉnh Thanh Hóa":
            continue
        ea = r.get("executing_agency") or ""
        if ("cấp xã" in ea) and ("Văn phòng" not in ea):
            continue  # commune-level only
        steps = LAND_STEPS.get(code)
        rec = from_detail(r, cat, AG["SNNMT"], steps=steps,
                          extra_note=(MULTI_NOTE if steps else
                                      "Thủ tục đất đai do UBND tỉnh Thanh Hóa công bố; cơ quan chủ quản Sở NN&MT (VPĐKĐĐ/Chi nhánh VPĐKĐĐ là đơn vị trực thuộc)."))
        procs.append(rec)

    # 2. national STANDARD detail pages with provincial agencies
    for code, opt in NATIONAL_DETAIL.items():
        r = details[code]
        extra = ""
        override = None
        cutoff = None
        if code == "2.000635":
            cutoff = "15:00"
            extra = ("Thời hạn: nguồn ghi 0/OTHER ('trong ngày') → mã hóa amount=0 WORKING_DAYS (trả trong ngày tiếp nhận); trình tự nguồn: "
                     "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo → cutoffTime 15:00. Phí 8.000 đồng (nguồn không ghi đơn vị tính).")

            def override(chs):
                for c in chs:
                    c["processingTime"] = OrderedDict(amount=0, unit="WORKING_DAYS")
                return chs
        if code in ("1.013230", "1.013231", "1.013236", "1.013238"):
            extra = "Kênh ghi 10 (9) ngày, processing_cases ghi 20 ngày – giữ số của kênh; phí, lệ phí 'theo quy định của HĐND cấp tỉnh' (mức thu Thanh Hóa chưa có nguồn) → fees null."
        if opt.get("agency_unverified"):
            extra += (" Nguồn và danh mục không ghi cơ quan thực hiện; gán Sở Xây dựng theo thủ tục cùng nhóm 1.013230/1.013231 (công trình cấp đặc biệt, I, II) có ghi Sở Xây dựng – suy luận.")
        if code == "2.001955":
            extra = "Danh mục: cơ quan chuyên môn về nội vụ cấp tỉnh (hoặc cấp xã nếu được ủy quyền) → Sở Nội vụ. Nguồn ghi phí 0 đồng → không thu phí."
        if code == "2.001610":
            extra = "Cơ quan đăng ký kinh doanh cấp tỉnh thuộc Sở Tài chính (sau hợp nhất Sở KH&ĐT). Nguồn chỉ liệt kê phí công bố nội dung đăng ký doanh nghiệp."
        rec = from_detail(r, cat, AG[opt["key"]], extra_note=extra.strip(), cutoff=cutoff,
                          channel_override=override, agency_unverified=opt.get("agency_unverified", False),
                          step_name=None)
        procs.append(rec)

    # 3. curated records found with search
    procs.extend(CURATED)
    # 4. catalogue-only
    for code, key, extra in CATALOGUE_ONLY:
        procs.append(catalogue_only(cat, code, key, extra))
    return procs


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared/data")
    args = ap.parse_args()
    os.makedirs(OUT_DIR, exist_ok=True)
    procs = build(args.shared)
    write_json(os.path.join(OUT_DIR, "agencies.json"),
               OrderedDict(province=OrderedDict(code="H56", name="Tỉnh Thanh Hóa"), agencies=AGENCIES))
    write_json(os.path.join(OUT_DIR, "procedures.json"), procs)
    write_json(os.path.join(OUT_DIR, "holidays.json"), holidays())
    print(f"wrote {len(AGENCIES)} agencies, {len(procs)} procedures, {len(holidays())} holiday rows to {OUT_DIR}")


if __name__ == "__main__":
    sys.exit(main())

"""The demo data set: two hospitals, five fictional patients, five current studies and three
priors. Names use the Turkish letters that break careless decoders (ç ğ ı İ ö ş ü), stored
under Specific Character Set ISO_IR 192 (UTF-8, PS3.3 C.12.1.1.2).

Phantom findings per study:
  study-01  CT chest with contrast, solid nodule 12 mm in the right lower lobe.
  study-02  its prior a year earlier, same nodule at 7 mm, low-dose without contrast.
  study-03  MR brain T1/T2/FLAIR, left frontal lesion with oedema.
  study-04  its prior two years earlier, T2 only, no lesion.
  study-05  screening mammograms, new calcification cluster in the left breast.
  study-06  its prior a year earlier, no calcifications.
  study-07  CT chest without contrast, emphysematous bullae in the upper lobes.
  study-08  short CT chest with contrast, embolus in the right interlobar artery.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from pydicom.uid import (
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLSLossless,
    RLELossless,
)

from workstation.demohub.datagen.chest_phantom import ChestPhantom, Sphere
from workstation.demohub.datagen.geometry import AxialGeometry
from workstation.demohub.datagen.mammo import BreastPhantom, MammoView
from workstation.demohub.datagen.mr_brain import BrainPhantom, Lesion
from workstation.demohub.datagen.specs import (
    CtSeries,
    MgSeries,
    MrSeries,
    Patient,
    Study,
    Tenant,
)

ANKARA = Tenant("ankara", "Ankara Demo Eğitim ve Araştırma Hastanesi")
IZMIR = Tenant("izmir", "İzmir Demo Devlet Hastanesi")
TENANTS = (ANKARA, IZMIR)

P1 = Patient("Çelik^Mehmet Şükrü", "10457823", "M", date(1957, 3, 14))
P2 = Patient("Yıldız^Ayşe Gül", "10988341", "F", date(1979, 11, 2))
P3 = Patient("Öztürk^Gökçen Fatma", "35012678", "F", date(1968, 7, 21))
P4 = Patient("Doğan^İbrahim Halil", "35077402", "M", date(1949, 1, 30))
P5 = Patient("Kılıç^Hüseyin Ertuğrul", "35101956", "M", date(1971, 9, 9))

# Nodule in the right lower lobe, local phantom coordinates (mm); on the slice grid of both
# the 1.25 mm current and the 5 mm prior.
NODULE_CENTRE = (-85.0, 45.0, -60.0)
NODULE_RADIUS_CURRENT = 6.0
NODULE_RADIUS_PRIOR = 3.5
NODULE_HU = 30.0

_CT_FOV = 360.0
_MG_VIEWS = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


def _ct_geometry(
    fov: float,
    centre_y: float,
    offset: tuple[float, float, float],
    scale: float,
    step: float,
    count: int,
    top: float = 145.0,
) -> AxialGeometry:
    """512 x 512 axial stack centred on the phantom's body axis, from just above the apices."""
    return AxialGeometry(
        rows=512,
        columns=512,
        pixel_spacing=fov / 512,
        center_x=offset[0],
        center_y=centre_y * scale + offset[1],
        z_first=top + offset[2],
        z_step=-step,
        count=count,
        slice_thickness=step,
    )


def _mg_series(number: int, phantom: BreastPhantom, standard_hanging: bool, ts: str) -> MgSeries:
    """Four views; with ``standard_hanging`` false every chest wall is on the left of the
    matrix (as a detector reads out), so the right-breast views need a flip to hang."""
    views = tuple(
        MammoView(lat, view, chest_wall_left=(lat == "L" or not standard_hanging))
        for lat, view in _MG_VIEWS
    )
    return MgSeries(number, "Tarama 4 poz", views, phantom, 2294, 1914, 0.1, ts)


def _mr_geometry(offset: tuple[float, float, float]) -> AxialGeometry:
    """24 slices of 5 mm with a 1 mm gap, skull base to vertex, 256 x 256 at 0.9 mm."""
    return AxialGeometry(256, 256, 0.9, offset[0], offset[1], -58.0 + offset[2], 6.0, 24, 5.0)


@cache
def studies() -> tuple[Study, ...]:
    """Every study of the data set, in directory order."""
    p1_current = ChestPhantom(
        seed=101, contrast=True, nodules=(Sphere(NODULE_CENTRE, NODULE_RADIUS_CURRENT, NODULE_HU),)
    )
    p1_prior_offset = (4.0, -6.0, 10.0)
    p1_prior = ChestPhantom(
        seed=101,
        contrast=False,
        offset=p1_prior_offset,
        nodules=(Sphere(NODULE_CENTRE, NODULE_RADIUS_PRIOR, NODULE_HU),),
    )
    brain_current = BrainPhantom(seed=202, lesion=Lesion((30.0, -10.0, 38.0), 9.0, 18.0))
    brain_prior = BrainPhantom(seed=202, offset=(2.0, -4.0, 6.0))
    p4_offset, p4_scale = (0.0, 5.0, 0.0), 1.06
    p4 = ChestPhantom(
        seed=104,
        contrast=False,
        scale=p4_scale,
        offset=p4_offset,
        lung_hu=-870.0,
        bullae=(
            Sphere((-70.0, -10.0, 95.0), 14.0, -990.0),
            Sphere((75.0, 0.0, 100.0), 10.0, -990.0),
            Sphere((-90.0, 20.0, 70.0), 9.0, -990.0),
        ),
    )
    p5_offset, p5_scale = (-3.0, 0.0, -5.0), 0.95
    p5 = ChestPhantom(
        seed=105,
        contrast=True,
        scale=p5_scale,
        offset=p5_offset,
        clots=(Sphere((-54.8, -2.0, 24.4), 7.0, 35.0),),
    )
    mr = _mr_geometry((0.0, 0.0, 0.0))
    mr_prior = _mr_geometry(brain_prior.offset)
    return (
        Study(
            "study-01",
            ANKARA,
            P1,
            datetime(2025, 5, 12, 8, 41, 7),
            "ANK2505120031",
            "41207",
            "Toraks BT (kontrastlı)",
            "CT",
            "CHEST",
            "Karaağaç^Selin^^Dr.",
            "STAT",
            "UNREAD",
            "Hemoptizi ve nefes darlığı ile acile başvurdu. Sağ alt lob nodülü takipte; "
            "önceki BT ile karşılaştırınız.",
            (
                CtSeries(
                    2,
                    "Aks 1.25mm Standart",
                    _ct_geometry(_CT_FOV, 15.0, (0.0, 0.0, 0.0), 1.0, 1.25, 240),
                    p1_current,
                    "STANDARD",
                    RLELossless,
                ),
            ),
        ),
        Study(
            "study-02",
            ANKARA,
            P1,
            datetime(2024, 5, 6, 10, 15, 33),
            "ANK2405060112",
            "38855",
            "Düşük doz toraks BT",
            "CT",
            "CHEST",
            "Erdoğan^Tülin^^Uzm.Dr.",
            "ROUTINE",
            "FINAL",
            "Sigara öyküsü (40 paket-yıl), kronik öksürük. Akciğer kanseri taraması.",
            (
                CtSeries(
                    2,
                    "Aks 5mm Düşük Doz",
                    _ct_geometry(_CT_FOV, 15.0, p1_prior_offset, 1.0, 5.0, 60),
                    p1_prior,
                    "STANDARD",
                    JPEG2000Lossless,
                    tube_current_ma=60,
                ),
            ),
        ),
        Study(
            "study-03",
            ANKARA,
            P2,
            datetime(2025, 5, 12, 9, 30, 52),
            "ANK2505120047",
            "41219",
            "Beyin MR (kontrastsız)",
            "MR",
            "HEAD",
            "Şahin^Oğuz^^Dr.",
            "URGENT",
            "UNREAD",
            "Ani başlayan sağ kolda güçsüzlük ve konuşma bozukluğu. İnme? Kitle?",
            (
                MrSeries(1, "Aks T1 SE", "T1", mr, brain_current, JPEGLSLossless),
                MrSeries(2, "Aks T2 TSE", "T2", mr, brain_current, JPEGLSLossless),
                MrSeries(3, "Aks FLAIR", "FLAIR", mr, brain_current, JPEGLSLossless),
            ),
        ),
        Study(
            "study-04",
            ANKARA,
            P2,
            datetime(2023, 4, 18, 14, 5, 10),
            "ANK2304180203",
            "33017",
            "Beyin MR",
            "MR",
            "HEAD",
            "Şahin^Oğuz^^Dr.",
            "ROUTINE",
            "FINAL",
            "Migren tipi baş ağrısı, kontrol amaçlı.",
            (MrSeries(1, "Aks T2 TSE", "T2", mr_prior, brain_prior, RLELossless),),
        ),
        Study(
            "study-05",
            IZMIR,
            P3,
            datetime(2025, 5, 9, 11, 20, 44),
            "IZM2505090318",
            "77120",
            "Bilateral tarama mamografisi",
            "MG",
            "BREAST",
            "Aksoy^Barış^^Dr.",
            "ROUTINE",
            "UNREAD",
            "Tarama mamografisi. Annede meme kanseri öyküsü.",
            (_mg_series(1, BreastPhantom(seed=303, calcified=True), False, JPEG2000Lossless),),
        ),
        Study(
            "study-06",
            IZMIR,
            P3,
            datetime(2024, 5, 3, 11, 5, 2),
            "IZM2405030277",
            "71544",
            "Bilateral tarama mamografisi",
            "MG",
            "BREAST",
            "Aksoy^Barış^^Dr.",
            "ROUTINE",
            "FINAL",
            "Tarama mamografisi, ilk çekim.",
            (_mg_series(1, BreastPhantom(seed=303, shift_mm=(5.0, -3.0)), True, JPEGLSLossless),),
        ),
        Study(
            "study-07",
            IZMIR,
            P4,
            datetime(2025, 5, 11, 15, 40, 18),
            "IZM2505110541",
            "77291",
            "Toraks BT (kontrastsız)",
            "CT",
            "CHEST",
            "Güneş^Nilüfer^^Dr.",
            "ROUTINE",
            "UNREAD",
            "KOAH takibi, son aylarda nefes darlığında artış.",
            (
                CtSeries(
                    3,
                    "Aks 2.5mm Akciğer",
                    _ct_geometry(380.0, 15.0, p4_offset, p4_scale, 2.5, 120, 146.25),
                    p4,
                    "LUNG",
                    ExplicitVRLittleEndian,
                ),
            ),
        ),
        Study(
            "study-08",
            IZMIR,
            P5,
            datetime(2025, 5, 12, 7, 55, 29),
            "IZM2505120009",
            "77305",
            "Toraks BT anjiyografi (PE protokolü)",
            "CT",
            "CHEST",
            "Aksoy^Barış^^Dr.",
            "STAT",
            "UNREAD",
            "Ani göğüs ağrısı, taşikardi, D-dimer yüksek. Pulmoner emboli?",
            (
                CtSeries(
                    2,
                    "Aks 5mm BTPA",
                    _ct_geometry(340.0, 15.0, p5_offset, p5_scale, 5.0, 60),
                    p5,
                    "STANDARD",
                    ExplicitVRLittleEndian,
                ),
            ),
        ),
    )


def study(key: str) -> Study:
    """The study with directory key ``key`` (e.g. "study-01")."""
    for s in studies():
        if s.key == key:
            return s
    raise KeyError(key)


def study_by_uid(study_uid: str) -> Study:
    """The study with Study Instance UID ``study_uid``."""
    for s in studies():
        if s.study_uid == study_uid:
            return s
    raise KeyError(study_uid)

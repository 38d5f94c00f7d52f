"""Deterministic synthetic demo data for the demo hub: CT, MR and mammography studies of
fictional patients at two hospitals, rendered from analytic phantoms.

``ensure_demo_data(root)`` generates the files once and returns the manifest path; the
catalogue, the per-modality builders and the landmark helpers let tests generate small
pieces or check pixel values at known patient positions without reading the files.
"""

from workstation.demohub.datagen.catalog import TENANTS, studies, study, study_by_uid
from workstation.demohub.datagen.ct_chest import generate_ct_chest
from workstation.demohub.datagen.dataset import ensure_demo_data, is_complete, manifest
from workstation.demohub.datagen.geometry import AxialGeometry
from workstation.demohub.datagen.landmarks import (
    Landmark,
    brain_lesion,
    calcification_clusters,
    chest_phantom,
    ct_landmarks,
    nodule,
)
from workstation.demohub.datagen.mg_series import generate_mammo
from workstation.demohub.datagen.mr_series import generate_mr_brain

__all__ = [
    "TENANTS",
    "AxialGeometry",
    "Landmark",
    "brain_lesion",
    "calcification_clusters",
    "chest_phantom",
    "ct_landmarks",
    "ensure_demo_data",
    "generate_ct_chest",
    "generate_mammo",
    "generate_mr_brain",
    "is_complete",
    "manifest",
    "nodule",
    "studies",
    "study",
    "study_by_uid",
]

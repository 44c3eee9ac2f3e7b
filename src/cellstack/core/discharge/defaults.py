"""Documented defaults for what a material record may not say: diffusivity, and how far beyond its
curve a cathode without stated cut-offs is stopped (the stated defaults: metrics/window.py).

Keyed by OCP curve id, because a curve names the host chemistry whatever the variant (a doped or
thin-film record of LiCoO2 shares the LiCoO2 curve). docs/discharge.md lists each value and why.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DiffusionDefault:
    diffusivity_m2_s: float  # at 25 °C
    activation_energy_J_mol: float  # of the diffusivity
    source: str
    note: str


# Diffusivities of published parameter sets (physics-and-data §2.1) or of measured films (§4.2).
# Activation energies from the same sets where they give one; else GENERIC_DIFFUSION's.
_GENERIC_EA = 30000.0  # J/mol: middle of the 4-80 kJ/mol spread of the §2.1 sets [assumption]
GENERIC_DIFFUSION = DiffusionDefault(
    1e-15,
    _GENERIC_EA,
    "cellstack_assumption",
    "no diffusivity for this host: 1e-15 m²/s (1e-11 cm²/s) is assumed, a mid-range value for "
    "oxide hosts; rate capability depends strongly on it",
)
DIFFUSION_DEFAULTS: dict[str, DiffusionDefault] = {
    "lco_dualfoil": DiffusionDefault(
        1e-14,
        18550.0,
        "cellstack_assumption",
        "1e-10 cm²/s, an assumption suggested for sputtered, about 700 °C-annealed (101)/(104)-textured "
        "LiCoO2 films (physics-and-data §4.2), not a measurement of this film; measured films span "
        "1e-12 to 4e-11 cm²/s (PLD, PITT, McGraw et al. 1999) and 6e-13 to 8e-12 cm²/s ((003)-oriented "
        "PLD, PITT); Ea from the Dualfoil LiCoO2 set",
    ),
    "nmc811_chen2020": DiffusionDefault(4e-15, 25000.0, "chen2020", "LG M50 NMC811 particles"),
    "nmc532_mohtat2020": DiffusionDefault(8e-15, 18550.0, "mohtat2020", "NMC532 particles"),
    "nmc111_bpx": DiffusionDefault(3.2e-14, 15000.0, "bpx2023", "About:Energy NMC111 particles"),
    "nca_dualfoil": DiffusionDefault(3e-15, 20000.0, "kim2011", "NCA particles of the Kim 2011 model"),
    "lfp_afshar2017": DiffusionDefault(5.9e-18, _GENERIC_EA, "prada2013", "A123 LFP, effective value"),
    "lmo_doyle1996": DiffusionDefault(1e-17, _GENERIC_EA, "xie2008", "PLD LiMn2O4 films, ~1e-13 cm²/s"),
    "v2o5_dualfoil": DiffusionDefault(1.2e-17, _GENERIC_EA, "mcgraw1999", "amorphous V2O5 film"),
    "graphite_chen2020": DiffusionDefault(3.3e-14, 30300.0, "chen2020", "LG M50 graphite-SiOx particles"),
    "si_verbrugge2016": DiffusionDefault(1.67e-14, _GENERIC_EA, "chen2020", "Si phase of the M50 anode"),
    "lto_yao2024": DiffusionDefault(3.27e-16, _GENERIC_EA, "yang2020:350", "sputtered (111) LTO films"),
}


def diffusion_default(curve_id: str) -> DiffusionDefault:
    return DIFFUSION_DEFAULTS.get(curve_id, GENERIC_DIFFUSION)


def diffusion_activation_energy(curve_id: str) -> float:
    return diffusion_default(curve_id).activation_energy_J_mol


# The chemistries' cut-off voltages also bound the usable window that compute_metrics rates, so
# they live with it (metrics/window.py, CUTOFF_DEFAULTS).
# Without a chemistry-specific value: this far beyond the OCP at the window's ends [assumption].
GENERIC_CUTOFF_MARGIN_LOW_V = 0.5
GENERIC_CUTOFF_MARGIN_HIGH_V = 0.2

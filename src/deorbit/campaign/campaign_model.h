// One Monte Carlo run of a controlled re-entry: the nominal plan's last burn flown with sampled errors from the
// campaign's start, the dispersed stack propagated to the breakup, the dispersed object tree flown with heating and
// demise (and any listed fragments dropped), and the outcome: where the survivors land, the casualty expectation
// over the population grid, containment in the target zone and the distance to land.
//
// The campaign starts shortly before the final burn: the perigee-lowering burns before it are re-planned in
// operations after each one is measured (the plan of the next burn absorbs the last one's error), so their errors do
// not reach the footprint; the final burn's do (docs/campaign.md).
#pragma once

#include <memory>
#include <vector>

#include "deorbit/campaign/dispersions.h"
#include "deorbit/campaign/run_record.h"
#include "deorbit/maneuver/burn.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/fragment.h"
#include "deorbit/reentry/material.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/reentry/spacecraft_object.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/population_grid.h"
#include "deorbit/risk/target_zone.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit {

//! What every run shares: the nominal state before the burns, the burns, the models. The pointers must outlive the
//! model.
struct CampaignSetup {
  StateVector start;                //!< GCRF state at the campaign's start (before the first burn it flies)
  double start_mass = 0;            //!< [kg] of the stack there
  std::vector<FiniteBurn> burns;    //!< the nominal burns from the start on (dispersed in each run)
  Epoch end;                        //!< no run is propagated past this epoch to its breakup (else it fails)
  Epoch reference;                  //!< breakup times count from here (the nominal breakup)
  NumericalPropagatorSettings forces;  //!< the natural forces (no thrust); the Drag among them is dispersed
  double breakup_altitude = 78e3;   //!< [m] end of the propagation without an object tree
  std::vector<SpacecraftObject> objects;  //!< the object tree (may be empty)
  MaterialDatabase materials;
  ObjectFlightSettings demise;
  std::vector<Fragment> fragments;  //!< listed fragments, dropped without heating (may be empty)
  DescentSettings descent;
  const EarthOrientation* eop = &EarthOrientation::none();
  const TargetZone* zone = nullptr;
  const LandMask* land = nullptr;
  const PopulationGrid* population = nullptr;
  double population_growth = 1;     //!< world population growth factor of the re-entry year
};

class CampaignModel {
 public:
  //! Throws InputError when the setup cannot be flown (no zone, no burns, no objects and no fragments...).
  explicit CampaignModel(CampaignSetup setup);

  //! Object kinds that take a mass and an area factor: the tree's nodes (pre-order) and then the fragments.
  [[nodiscard]] std::size_t object_kinds() const { return kinds_; }
  [[nodiscard]] std::size_t material_count() const { return setup_.materials.materials().size(); }

  //! The inputs of run `run` under `dispersions` (sized for this model).
  [[nodiscard]] SampledInputs sample(const Dispersions& dispersions, std::int64_t run) const;

  //! Flies one run. Never throws for a run that cannot be completed: the record says failed, and why.
  //! Thread-safe: runs share only immutable data.
  [[nodiscard]] RunRecord run(const SampledInputs& inputs) const;

 private:
  CampaignSetup setup_;
  std::size_t kinds_ = 0;
  std::shared_ptr<EarthRotationNodes> nodes_;
};

}  // namespace deorbit

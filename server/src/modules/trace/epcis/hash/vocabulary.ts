/**
 * CBV 2.0 / GS1 Web Vocabulary bare words of the EPCIS 2.0 JSON-LD context (epcis-context.jsonld, terms scoped to
 * the fields below with `@type: @vocab`). JSON-LD expansion turns a bare word into its full URI only when the word is
 * a term of that field's scoped context; unknown words stay as they are. Data copied from the standard's context.
 */

const CBV = 'https://ref.gs1.org/cbv/';
const GS1 = 'https://gs1.org/voc/';

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

const BIZ_STEP = words(
  'accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting ' +
    'decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting ' +
    'installing killing loading other packing picking receiving removing repackaging repairing replacing reserving ' +
    'retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting ' +
    'unloading unpacking void_shipping',
);
const DISPOSITION = words(
  'active available completeness_verified completeness_inferred conformant container_closed container_open damaged ' +
    'destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_instance mismatch_class ' +
    'mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed ' +
    'recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown',
);
const SOURCE_DEST_TYPE = words('owning_party possessing_party location');
const BIZ_TRANSACTION_TYPE = words('bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt');
const MEASUREMENT_TYPE = words(
  'AbsoluteHumidity AbsorbedDose AbsorbedDoseRate Acceleration Radioactivity Altitude AmountOfSubstance ' +
    'AmountOfSubstancePerUnitVolume Angle AngularAcceleration AngularMomentum AngularVelocity Area Capacitance ' +
    'Conductance Conductivity Count Density Dimensionless DoseEquivalent DoseEquivalentRate DynamicViscosity ' +
    'ElectricCharge ElectricCurrent ElectricCurrentDensity ElectricFieldStrength Energy Exposure Force Frequency ' +
    'Illuminance Inductance Irradiance KinematicViscosity Length LinearMomentum Luminance LuminousFlux ' +
    'LuminousIntensity MagneticFlux MagneticFluxDensity MagneticVectorPotential Mass MassConcentration MassFlowRate ' +
    'MassPerAreaTime MemoryCapacity MolalityOfSolute MolarEnergy MolarMass MolarVolume Power Pressure RadiantFlux ' +
    'RadiantIntensity RelativeHumidity Resistance Resistivity SolidAngle SpecificVolume Speed SurfaceDensity ' +
    'SurfaceTension Temperature Time Torque Voltage Volume VolumeFlowRate VolumeFraction VolumetricFlux Wavenumber',
);
const SENSOR_EXCEPTION = words('ALARM_CONDITION ERROR_CONDITION');
const COMPONENT = words(
  'x y z axial_distance azimuth height spherical_radius polar_angle elevation_angle easting northing latitude ' +
    'longitude altitude',
);
const ERROR_REASON = words('did_not_occur incorrect_data');

/** A field whose bare-word values expand: its IRI prefix and its terms. */
export interface VocabularyField {
  readonly prefix: string;
  readonly terms: ReadonlySet<string>;
}

/** Keyed by `parent/key`, the parent being the enclosing element's name ('' for the event itself). */
export const VOCABULARY_FIELDS: ReadonlyMap<string, VocabularyField> = new Map([
  ['/bizStep', { prefix: `${CBV}BizStep-`, terms: BIZ_STEP }],
  ['/disposition', { prefix: `${CBV}Disp-`, terms: DISPOSITION }],
  ['persistentDisposition/set', { prefix: `${CBV}Disp-`, terms: DISPOSITION }],
  ['persistentDisposition/unset', { prefix: `${CBV}Disp-`, terms: DISPOSITION }],
  ['source/type', { prefix: `${CBV}SDT-`, terms: SOURCE_DEST_TYPE }],
  ['destination/type', { prefix: `${CBV}SDT-`, terms: SOURCE_DEST_TYPE }],
  ['bizTransaction/type', { prefix: `${CBV}BTT-`, terms: BIZ_TRANSACTION_TYPE }],
  ['sensorReport/type', { prefix: GS1, terms: MEASUREMENT_TYPE }],
  ['sensorReport/exception', { prefix: GS1, terms: SENSOR_EXCEPTION }],
  ['sensorReport/component', { prefix: `${CBV}Comp-`, terms: COMPONENT }],
  ['errorDeclaration/reason', { prefix: `${CBV}ER-`, terms: ERROR_REASON }],
]);

/** CURIE prefixes the EPCIS 2.0 context itself defines (a document's own @context adds to and overrides them). */
export const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: CBV,
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: GS1,
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
};

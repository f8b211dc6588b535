import { describeFaultsOfKind, useReportDir } from './harness.js';

// Planted faults in body shapes: each caught by the body-level check it names.
describeFaultsOfKind('schema', useReportDir('faults-schema'));

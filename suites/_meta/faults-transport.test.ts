import { describeFaultsOfKind, useReportDir } from './harness.js';

// Planted faults in delivery (resets, 5xx, slow answers, echoed tokens): caught, or inconclusive, never a pass.
describeFaultsOfKind('transport', useReportDir('faults-transport'));

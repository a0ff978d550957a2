export type { ExpectedError, InvalidCase, RuleCases, ValidCase } from './cases.ts';
export { loadPackFromDisk } from './disk.ts';
export { expectationsFromMarkers, stripMarkers } from './markers.ts';
export { RuleTester, type RuleTesterOptions } from './tester.ts';

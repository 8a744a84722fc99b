import path from 'node:path';

/** Where the WSDLs of schema/wsdl/ are, from here (the build copies them to dist/schema/wsdl). */
export const WSDL_DIR = path.resolve(__dirname, '../../schema/wsdl');

/**
 * The WSDLs the department kind knows by heart: the two simulators' own
 * (a real department's comes from its configuration file) and the hub's
 * endpoint for departments that push.
 */
export const DEPARTMENT_WSDLS = {
  /** The polled simulator: Sở NN&MT's one-stop system (TiepNhanHoSoLienThong, LayDanhSachThayDoi). */
  polled: path.join(WSDL_DIR, 'so-nnmt-motcua.wsdl'),
  /** The pushing simulator: UBND tỉnh's document system (NopHoSoTrinh); it reports to the hub's endpoint. */
  pushing: path.join(WSDL_DIR, 'ubnd-qlvb.wsdl'),
  /** The hub's own endpoint where departments report (BaoCaoTienDo). */
  hub: path.join(WSDL_DIR, 'lienthong-departments.wsdl'),
} as const;

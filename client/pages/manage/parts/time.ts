import { formatShanghai } from '../../../../shared/time'

/** A moment as the management pages show it (Shanghai). */
export const time = (ms: number) => formatShanghai(ms, 'YYYY-MM-DD HH:mm')

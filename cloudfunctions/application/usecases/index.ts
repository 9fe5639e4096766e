/** The application use cases, one file per group; the action table in ../index.ts imports them from here. */
export { registerEnterprise, updateEnterprise, joinPoster, myEnterprises } from './enterprises'
export { saveDraft, submit, get, listMine } from './applications'
export { listForReview, review } from './review'
export { commit, signatures } from './commitments'
export { plate, verifyPlate, revokePlate, inspect } from './plates'
export { reportDifficulty, answerDifficulty, listDifficulties } from './difficulties'

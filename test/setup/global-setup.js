export { setup as default } from './temp-dirs.js'

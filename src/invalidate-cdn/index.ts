import { start } from '../common/action'
import { main } from './main'

start('invalidate-cdn', main)

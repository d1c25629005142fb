import { start } from '../common/action'
import { main } from './main'

start('release-record', main)

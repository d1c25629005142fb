import { start } from '../common/action'
import { main } from './main'

start('db-migrate', main)

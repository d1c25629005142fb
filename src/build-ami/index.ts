import { start } from '../common/action'
import { main } from './main'

start('build-ami', main)

import { start } from '../common/action'
import { main } from './main'

start('deploy-binary', main)

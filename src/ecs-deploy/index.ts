import { start } from '../common/action'
import { main } from './main'

start('ecs-deploy', main)

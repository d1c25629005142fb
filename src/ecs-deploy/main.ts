import { notAvailable } from '../common/action'

/** Force a new ECS deployment or roll out a new image or task definition, wait until it is really done, and roll back when it is not. Not released yet: fails with one sentence saying so. */
export const main = notAvailable('ecs-deploy')

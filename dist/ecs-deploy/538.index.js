export const id = 538;
export const ids = [538];
export const modules = {

/***/ 538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connect: () => (/* binding */ connect)
/* harmony export */ });
/* unused harmony export Ecs */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(212);
/* harmony import */ var _common_aws__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2064);
/* harmony import */ var _common_cancel__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(551);
/* harmony import */ var _common_errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1922);




/**
 * The ECS calls ecs-deploy makes, each labelled with what it attempts and bound to the run's
 * AbortSignal. The only module that loads the SDK: main.ts imports it dynamically, so the
 * bundle starts without parsing the client. Throttling and transient errors are retried by the
 * SDK's adaptive retry mode (see src/common/aws.ts).
 */
class Ecs {
    client;
    region;
    signal;
    constructor(client, region, signal) {
        this.client = client;
        this.region = region;
        this.signal = signal;
    }
    static connect(settings, region, signal) {
        return new Ecs((0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .createClient */ .UU)(_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ECSClient */ .Zgc, settings, region), region, signal);
    }
    /** A labelled call; once the run is cancelled, any failure (the SDK's AbortError) is the cancellation. */
    async call(what, send) {
        try {
            return await (0,_common_errors__WEBPACK_IMPORTED_MODULE_2__/* .attempt */ .CD)(what, send);
        }
        catch (error) {
            (0,_common_cancel__WEBPACK_IMPORTED_MODULE_1__/* .throwIfCancelled */ .dZ)(this.signal);
            throw error;
        }
    }
    get options() {
        return { abortSignal: this.signal };
    }
    /** Counts calls by operation, for the benchmark and the debug log. */
    calls = new Map();
    count(operation) {
        this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    }
    async describeCluster(cluster) {
        this.count('DescribeClusters');
        const out = await this.call(`describe ECS cluster ${cluster} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeClustersCommand */ ._2_({ clusters: [cluster] }), this.options));
        return { cluster: out.clusters?.[0], failure: out.failures?.[0] };
    }
    /** Describes services in batches of 10 (the API's limit). */
    async describeServices(cluster, names) {
        const services = [];
        const failures = [];
        for (const batch of chunks(names, 10)) {
            this.count('DescribeServices');
            const out = await this.call(`describe ECS services ${batch.join(', ')} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeServicesCommand */ .H7c({ cluster, services: batch }), this.options));
            services.push(...(out.services ?? []));
            failures.push(...(out.failures ?? []));
        }
        return { services, failures };
    }
    async describeTaskDefinition(reference) {
        this.count('DescribeTaskDefinition');
        const out = await this.call(`describe task definition ${reference} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeTaskDefinitionCommand */ .Zy$({ taskDefinition: reference, include: ['TAGS'] }), this.options));
        return { definition: out.taskDefinition ?? {}, tags: out.tags ?? [] };
    }
    async registerTaskDefinition(request) {
        this.count('RegisterTaskDefinition');
        const out = await this.call(`register a new revision of task definition ${request.family} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .RegisterTaskDefinitionCommand */ .$Hl(request), this.options));
        return out.taskDefinition ?? {};
    }
    async deregisterTaskDefinition(arn) {
        this.count('DeregisterTaskDefinition');
        await this.call(`deregister task definition ${arn}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DeregisterTaskDefinitionCommand */ .sjB({ taskDefinition: arn }), this.options));
    }
    /** ACTIVE revisions of a family, newest first. */
    async listTaskDefinitions(family) {
        const arns = [];
        let nextToken;
        do {
            this.count('ListTaskDefinitions');
            const out = await this.call(`list revisions of task definition ${family} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ListTaskDefinitionsCommand */ .Pse({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }), this.options));
            arns.push(...(out.taskDefinitionArns ?? []));
            nextToken = out.nextToken;
        } while (nextToken);
        return arns;
    }
    async updateService(input, what) {
        this.count('UpdateService');
        const out = await this.call(what, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .UpdateServiceCommand */ .kZr(input), this.options));
        return out.service ?? {};
    }
    async runTask(input) {
        this.count('RunTask');
        const out = await this.call(`run a task of ${input.taskDefinition} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .RunTaskCommand */ ._eD(input), this.options));
        return { task: out.tasks?.[0], failure: out.failures?.[0] };
    }
    /** Describes tasks in batches of 100 (the API's limit). */
    async describeTasks(cluster, arns) {
        const tasks = [];
        for (const batch of chunks(arns, 100)) {
            this.count('DescribeTasks');
            const out = await this.call(`describe ${batch.length} ECS tasks in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: batch }), this.options));
            tasks.push(...(out.tasks ?? []));
        }
        return tasks;
    }
    async listTasks(input) {
        const arns = [];
        let nextToken;
        do {
            this.count('ListTasks');
            const out = await this.call(`list tasks of ${input.serviceName ?? input.cluster} in ${this.region}`, () => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ListTasksCommand */ .MYg({ ...input, nextToken }), this.options));
            arns.push(...(out.taskArns ?? []));
            nextToken = out.nextToken;
        } while (nextToken);
        return arns;
    }
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
function connect(settings, region, signal) {
    return Ecs.connect(settings, region, signal);
}


/***/ })

};

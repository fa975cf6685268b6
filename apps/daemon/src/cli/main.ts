import { runProgram } from './base-program';
import { createProgram } from './program';

runProgram(createProgram());

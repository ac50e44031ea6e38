// formatter.SubHeaderContext: the map of column titles a table's header row is rendered from,
// with its one method, Label, giving a label's title (the key's last dotted part, - and _ as
// spaces). Go finds a map type's methods before its keys; the method lives on the prototype.
import { GO_TYPE, goFunc, goStruct } from '../values.js';

const SUB_HEADER_METHODS: object = Object.create(Object.prototype, {
  [GO_TYPE]: { value: 'map[string]string', enumerable: false },
  Label: {
    value: goFunc({ params: ['string'], result: 'string' }, (name: string) => {
      const parts = name.split('.');
      return parts[parts.length - 1]!.replace(/[-_]/g, ' ');
    }),
    enumerable: false,
  },
});

export function subHeaderContext(headers: Record<string, string>): object {
  return Object.assign(Object.create(SUB_HEADER_METHODS) as object, headers);
}

/** formatter.HeaderContext, embedded in every row context: its Header is nil on the rows */
export function headerContextField(): object {
  return goStruct({ Header: undefined }, 'formatter.HeaderContext');
}

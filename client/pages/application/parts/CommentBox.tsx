import { TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import './nutui'

/**
 * A text box inside a confirmation dialog. The dialog's content is fixed when it opens, so the box keeps
 * its own state and reports each change to the page.
 */
export function CommentBox({
  placeholder,
  onChange,
  maxLength = 500,
  note,
}: {
  placeholder: string
  onChange: (value: string) => void
  maxLength?: number
  note?: string
}) {
  const [value, setValue] = useState('')
  return (
    <View className="ap-comment">
      {note && <View className="ap-comment__note">{note}</View>}
      <TextArea
        className="ap-comment__input"
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        showCount
        autoSize
        onChange={(v) => {
          setValue(v)
          onChange(v)
        }}
      />
    </View>
  )
}
